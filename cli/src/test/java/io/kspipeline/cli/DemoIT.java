package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.core.hashtags.HashtagKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --until-drained} over an access log, a tweets file and a web-actions file,
 * in-process: embedded broker, producers, every job, H2. The tables are checked against counts
 * worked out here from the files with a regular expression and a JSON reader, not with the
 * pipeline's own parsers.
 */
class DemoIT {
  private static final Pattern COMBINED =
      Pattern.compile("^\\S+ \\S+ \\S+ \\[([^\\]]+)\\] \"(?:\\S+ (\\S+)[^\"]*|-)\" (\\d{3}) .*$");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  @TempDir Path work;

  @Test
  void shouldDrainGivenFilesIntoExactTablesAndSummarizeEachJob() throws Exception {
    Path log = copy("/samples/access.log", "access.log");
    // A request line as long as Apache accepts (LimitRequestLine): counted like any other.
    String longEndpoint = "/search?q=" + "k".repeat(8_000);
    Files.writeString(
        log,
        "203.0.113.9 - - [26/Dec/2016:14:24:07 +0000] \"GET "
            + longEndpoint
            + " HTTP/1.1\" 200 512 \"-\" \"curl/8.5\"\n",
        StandardOpenOption.APPEND);
    Path tweets = copy("/fixtures/tweets.jsonl", "tweets.jsonl");
    Path actions = copy("/fixtures/web-actions.jsonl", "web-actions.jsonl");

    PipelineRun run =
        PipelineRun.of(
            "demo",
            "--work-dir",
            work.resolve("demo").toString(),
            "--access-log",
            log.toString(),
            "--tweets",
            tweets.toString(),
            "--web-actions",
            actions.toString(),
            "--until-drained");
    assertThat(run.exit()).as(run.printed()).isZero();

    String jdbc = "jdbc:h2:file:" + work.resolve("demo/h2/pipeline") + ";AUTO_SERVER=TRUE";
    assertThat(table(jdbc, "SELECT status, hits FROM status_counts")).isEqualTo(statuses(log));
    assertThat(urlHits(log).keySet())
        .anyMatch(windowAndEndpoint -> windowAndEndpoint.endsWith(longEndpoint));
    assertThat(table(jdbc, "SELECT window_end, endpoint, hits FROM url_hits"))
        .isEqualTo(urlHits(log));
    assertThat(table(jdbc, "SELECT hashtag, hits FROM hashtag_counts")).isEqualTo(hashtags(tweets));
    assertThat(table(jdbc, "SELECT window_start, action, hits FROM action_counts"))
        .isEqualTo(actionsPerHour(actions));
    assertThat(run.printed())
        .contains("read=1001 sent=998 dead_lettered=3 failed=0")
        .contains("read=301 sent=299 dead_lettered=2 failed=0")
        .contains("demo: job=status-counts in=998 ")
        .contains("demo: job=top-urls in=998 ")
        .contains("demo: job=hashtag-counts in=300 ")
        .containsPattern("demo: job=action-counts in=299 out=\\d+ late=0 dead_lettered=0")
        .contains(
            "demo: job=error-alerts in=998 out=" + serverErrors(log) + " late=0 dead_lettered=0")
        .contains("SELECT status, hits FROM status_counts");
  }

  /**
   * bin/pipeline runs from target/lib: without a backend Spark fails at start (NoClassDefFound).
   */
  @Test
  void shouldShipTheLoggingBackendWithTheLauncher() throws IOException {
    try (var jars = Files.list(Path.of("target", "lib"))) {
      assertThat(jars.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("log4j-core-"))
          .anyMatch(name -> name.startsWith("log4j-slf4j2-impl-"));
    }
  }

  /** The 997 well-formed sample lines by status (3 are cut short and rejected by the producer). */
  private static Map<String, Long> statuses(Path log) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = COMBINED.matcher(line);
      if (m.matches()) {
        counts.merge(m.group(3), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** The well-formed sample lines with a status of 500 or more: one alert each. */
  private static long serverErrors(Path log) throws IOException {
    return statuses(log).entrySet().stream()
        .filter(status -> Integer.parseInt(status.getKey()) >= 500)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * Actions per "hour window start + action" of the lines that have an action and a time (ISO-8601
   * with an offset, or epoch seconds).
   */
  private static Map<String, Long> actionsPerHour(Path actions) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Long> counts = new TreeMap<>();
    for (String line : Files.readAllLines(actions, StandardCharsets.UTF_8)) {
      JsonNode action;
      try {
        action = json.readTree(line);
      } catch (IOException notJson) {
        continue;
      }
      JsonNode time = action.path("time");
      if (!action.path("action").isTextual() || time.isMissingNode()) {
        continue;
      }
      Instant at =
          time.isNumber()
              ? Instant.ofEpochSecond(time.asLong())
              : OffsetDateTime.parse(time.asText()).toInstant();
      counts.merge(
          at.truncatedTo(ChronoUnit.HOURS) + " " + action.get("action").asText(), 1L, Long::sum);
    }
    return counts;
  }

  /** Hits per "window end + endpoint" over 30 s windows sliding 10 s: each line in 3 windows. */
  private static Map<String, Long> urlHits(Path log) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = COMBINED.matcher(line);
      if (m.matches()) {
        long second = ZonedDateTime.parse(m.group(1), LOG_TIME).toEpochSecond();
        long lastEnd = second / 10 * 10 + 10;
        for (long end = lastEnd; end < lastEnd + 30; end += 10) {
          // A request line of "-" has no endpoint: counted under "-", as logged.
          String endpoint = m.group(2) != null ? m.group(2) : "-";
          counts.merge(Instant.ofEpochSecond(end) + " " + endpoint, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  /** Hashtag keys (NFKC, lower-case) of every tweet's entities, one per occurrence. */
  private static Map<String, Long> hashtags(Path tweets) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Long> counts = new TreeMap<>();
    for (String line : Files.readAllLines(tweets, StandardCharsets.UTF_8)) {
      JsonNode tweet;
      try {
        tweet = json.readTree(line);
      } catch (IOException notJson) {
        continue;
      }
      for (JsonNode tag : tweet.path("entities").path("hashtags")) {
        counts.merge(HashtagKeys.key(tag.path("text").asText()), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** Rows as "key columns joined by a space" → hits (the last column). */
  private static Map<String, Long> table(String jdbc, String sql) throws Exception {
    Map<String, Long> rows = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder key = new StringBuilder();
        for (int i = 1; i < columns; i++) {
          Object value = rs.getObject(i);
          if (value instanceof java.sql.Timestamp t) {
            value = t.toLocalDateTime().toInstant(ZoneOffset.UTC);
          }
          key.append(i > 1 ? " " : "").append(value);
        }
        rows.put(key.toString(), rs.getLong(columns));
      }
    }
    return rows;
  }

  private Path copy(String resource, String name) throws IOException {
    Path target = work.resolve(name);
    try (InputStream in = DemoIT.class.getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return target;
  }
}
