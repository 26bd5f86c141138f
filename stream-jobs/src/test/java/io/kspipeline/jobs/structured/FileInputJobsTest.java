package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's file examples as commands, with no broker and no schema registry: results to the
 * database, dead letters to files beside the checkpoint with file and line as provenance. The Kafka
 * and registry addresses point where nothing answers, so any use of them would fail the run.
 */
class FileInputJobsTest {
  private static final String NO_BROKER = "127.0.0.1:1";
  private static final String NO_REGISTRY = "http://127.0.0.1:1";

  @TempDir Path work;

  private static String logLine(int status) {
    return "10.1.2.3 - - [26/Dec/2016:14:16:29 +0000] \"GET /index.html HTTP/1.1\" "
        + status
        + " 512 \"-\" \"curl/7.50\"";
  }

  /** A hit on {@code endpoint} at 14:16:{@code second}. */
  private static String hit(String endpoint, int second) {
    return String.format(
        "10.1.2.3 - - [26/Dec/2016:14:16:%02d +0000] \"GET %s HTTP/1.1\" 200 512 \"-\""
            + " \"curl/7.50\"",
        second, endpoint);
  }

  private static String action(String name, String time) {
    return "{\"action\":\"" + name + "\",\"time\":\"" + time + "\",\"userId\":\"u1\"}";
  }

  @Test
  void shouldCountStatusesOfLogFilesWithoutKafka() throws Exception {
    Path logs = Files.createDirectories(work.resolve("logs"));
    List<String> first = new ArrayList<>(Collections.nCopies(3, logLine(200)));
    first.add("");
    Files.write(logs.resolve("access-1.log"), first);
    Files.write(
        logs.resolve("access-2.log"), List.of(logLine(404), logLine(200), "half a line [oops"));
    Path checkpoint = work.resolve("checkpoint");

    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      StatusCountsCommand command = new StatusCountsCommand();
      runOverFiles(command, command::start, "dir:" + logs, db.url(), checkpoint, "--console");

      Map<Integer, Long> counts = new TreeMap<>();
      for (Map<String, Object> row : db.query("SELECT status, hits FROM status_counts")) {
        counts.put((Integer) row.get("status"), (Long) row.get("hits"));
      }
      assertThat(counts).isEqualTo(Map.of(200, 4L, 404, 1L));
    }
    List<Row> letters = deadLetters(checkpoint);
    assertThat(letters).hasSize(1);
    Row letter = letters.get(0);
    assertThat(letter.<String>getAs("sourceLocation")).endsWith("access-2.log:3");
    assertThat(letter.<String>getAs("sourceTopic")).isNull();
    assertThat(letter.<String>getAs("payload")).isEqualTo("half a line [oops");
    assertThat(letter.<String>getAs("errorClass")).isEqualTo("AccessLogParseError");
    assertThat(letter.<String>getAs("stage")).isEqualTo(StatusCountsJob.NAME);
  }

  @Test
  void shouldSendARowTheTableRefusesToTheDeadLettersAndCommitTheRest() throws Exception {
    Path logs = Files.createDirectories(work.resolve("refused-logs"));
    List<String> lines = new ArrayList<>(Collections.nCopies(4, logLine(200)));
    lines.add(logLine(404));
    lines.add("not a log line");
    Files.write(logs.resolve("access.log"), lines);
    Path checkpoint = work.resolve("refused-checkpoint");

    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE status_counts (status INT NOT NULL,"
                + " hits BIGINT NOT NULL CHECK (hits < 3), PRIMARY KEY (status))");
      }
      StatusCountsCommand command = new StatusCountsCommand();
      runOverFiles(command, command::start, "dir:" + logs, db.url(), checkpoint);

      assertThat(db.query("SELECT status, hits FROM status_counts"))
          .containsExactly(Map.of("status", 404, "hits", 1L));
      assertThat(db.query("SELECT COUNT(*) AS n FROM pipeline_batches"))
          .containsExactly(Map.of("n", 1L));
    }
    // The batch's unreadable line and the row its table refused, side by side.
    List<Row> written = deadLetters(checkpoint);
    assertThat(written).hasSize(2);
    Map<String, Row> letters = new TreeMap<>();
    for (Row letter : written) {
      letters.put(letter.getAs("errorClass"), letter);
    }
    assertThat(letters).containsOnlyKeys("AccessLogParseError", "RefusedByDatabase");
    assertThat(letters.get("AccessLogParseError").<String>getAs("sourceLocation"))
        .endsWith("access.log:6");
    Row letter = letters.get("RefusedByDatabase");
    assertThat(letter.<String>getAs("sourceLocation")).isEqualTo("table status_counts");
    assertThat(letter.<String>getAs("stage")).isEqualTo(StatusCountsJob.NAME + " table");
    assertThat(letter.<String>getAs("errorMessage")).startsWith("SQLState 23");
    assertThat(letter.<String>getAs("payload")).isEqualTo("{\"status\":200,\"hits\":4}");
  }

  @Test
  void shouldCountTheUrlsOfLogFilesPerWindowAndDeadLetterTheBadLineWithoutKafka() throws Exception {
    Path logs = Files.createDirectories(work.resolve("url-logs"));
    // Hits as (time, endpoint); line 4 of the file is not a log line.
    LocalDateTime minute = LocalDateTime.parse("2016-12-26T14:16:00");
    List<Map.Entry<LocalDateTime, String>> hits =
        List.of(
            Map.entry(minute.plusSeconds(5), "/a"),
            Map.entry(minute.plusSeconds(15), "/a"),
            Map.entry(minute.plusSeconds(15), "/b"),
            Map.entry(minute.plusSeconds(29), "/c"));
    String bad = "GET /broken HTTP/1.1";
    List<String> lines = new ArrayList<>();
    hits.forEach(h -> lines.add(hit(h.getValue(), h.getKey().getSecond())));
    lines.add(3, bad);
    Path file = Files.write(logs.resolve("access.log"), lines);
    Path checkpoint = work.resolve("urls-checkpoint");

    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      TopUrlsCommand command = new TopUrlsCommand();
      runOverFiles(command, command::start, "dir:" + logs, db.url(), checkpoint);

      Map<String, Long> table = new TreeMap<>();
      for (Map<String, Object> row :
          db.query("SELECT window_start, window_end, endpoint, hits FROM url_hits")) {
        table.put(
            row.get("window_start") + "/" + row.get("window_end") + " " + row.get("endpoint"),
            (Long) row.get("hits"));
      }
      // Windows of 30 s sliding 10 s (the defaults): each hit counts in the three that hold it.
      Map<String, Long> expected = new TreeMap<>();
      new SlidingWindows(Duration.ofSeconds(30), Duration.ofSeconds(10))
          .counts(hits)
          .forEach(
              (start, counts) ->
                  counts.forEach(
                      (endpoint, n) ->
                          expected.put(start + "/" + start.plusSeconds(30) + " " + endpoint, n)));
      assertThat(table).isEqualTo(expected);
    }
    List<Row> letters = deadLetters(checkpoint);
    assertThat(letters).hasSize(1);
    Row letter = letters.get(0);
    assertThat(letter.<String>getAs("sourceLocation")).isEqualTo(file.toUri() + ":4");
    assertThat(letter.<String>getAs("sourceTopic")).isNull();
    assertThat(letter.<String>getAs("payload")).isEqualTo(bad);
    assertThat(letter.<String>getAs("errorClass")).isEqualTo("AccessLogParseError");
    assertThat(letter.<String>getAs("errorMessage"))
        .isEqualTo(((ParseOutcome.Rejected) AccessLogParser.autoDetecting().parse(bad)).reason());
    assertThat(letter.<String>getAs("stage")).isEqualTo(TopUrlsJob.NAME);
  }

  @Test
  void shouldCountWebActionsOfJsonFilesWithoutKafka() throws Exception {
    Path actions = Files.createDirectories(work.resolve("actions"));
    Files.write(
        actions.resolve("day-1.json"),
        List.of(
            action("open", "2016-07-26T10:05:00Z"),
            "{\"action\": \"click\", \"time\": ",
            action("click", "2016-07-26T10:40:00Z"),
            action("open", "2016-07-26T11:01:00Z")));
    Files.write(
        actions.resolve("day-2.json"),
        List.of(
            "not json at all",
            action("open", "2016-07-26T10:59:59Z"),
            "{\"action\": \"close\", \"time\": \"yesterday\"}"));
    Path checkpoint = work.resolve("actions-checkpoint");

    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      ActionCountsCommand command = new ActionCountsCommand();
      runOverFiles(command, command::start, "dir:" + actions, db.url(), checkpoint);

      Map<String, Long> hits = new TreeMap<>();
      for (Map<String, Object> row :
          db.query("SELECT window_start, action, hits FROM action_counts")) {
        hits.put(row.get("window_start") + " " + row.get("action"), (Long) row.get("hits"));
      }
      assertThat(hits)
          .isEqualTo(
              Map.of(
                  "2016-07-26T10:00 open", 2L,
                  "2016-07-26T10:00 click", 1L,
                  "2016-07-26T11:00 open", 1L));
    }
    Map<String, String> locations = new TreeMap<>();
    for (Row letter : deadLetters(checkpoint)) {
      String location = letter.getAs("sourceLocation");
      locations.put(location.substring(location.lastIndexOf('/') + 1), letter.getAs("payload"));
    }
    assertThat(locations)
        .isEqualTo(
            Map.of(
                "day-1.json:2", "{\"action\": \"click\", \"time\": ",
                "day-2.json:1", "not json at all",
                "day-2.json:3", "{\"action\": \"close\", \"time\": \"yesterday\"}"));
  }

  /**
   * Runs a job over files into the database until it has read them, its Kafka and registry
   * addresses where nothing answers; {@code more} flags are added to {@code command}'s.
   */
  private static void runOverFiles(
      Object command,
      Queries queries,
      String input,
      String jdbcUrl,
      Path checkpoint,
      String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input", input,
                "--jdbc-url", jdbcUrl,
                "--trigger", "available-now",
                "--checkpoint", checkpoint.toString(),
                "--bootstrap", NO_BROKER,
                "--registry", NO_REGISTRY));
    args.addAll(List.of(more));
    PipelineCommandLine.create(command).parseArgs(args.toArray(new String[0]));
    SparkSession spark = SparkTestSession.get();
    QueryRunner.awaitAll(spark, queries.start(spark));
  }

  /** How a command starts its queries (its {@code start}). */
  private interface Queries {
    List<StreamingQuery> start(SparkSession spark) throws Exception;
  }

  private static List<Row> deadLetters(Path checkpoint) {
    return SparkTestSession.get()
        .read()
        .json(checkpoint.resolve("diverted/dead-letters").toString())
        .collectAsList();
  }
}
