package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.core.tweets.TweetJsonParser;
import io.kspipeline.core.tweets.TweetParseOutcome;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * popular-hashtags over a directory of tweet files, with no broker and no schema registry (their
 * addresses point where nothing answers, so any use of them would fail a batch), slide by slide on
 * the manual clock with a 3 s window sliding 1 s: a gzipped file of v1.1 statuses there at the
 * start, a file of v2 responses that appears later, their hashtags counted under the same keys as
 * from Kafka; the line that is not a tweet in the dead letters beside the checkpoint with its
 * file:line; and a restart from the checkpoint that reads none of the files again, while the
 * windows it restores still let the first file's hashtags leave on time.
 */
class PopularHashtagsFilesTest {
  private static final String NO_BROKER = "127.0.0.1:1";
  private static final String NO_REGISTRY = "http://127.0.0.1:1";
  private static final String NOT_A_TWEET = "{\"id_str\": \"3\", \"text\": ";

  @TempDir Path work;

  private static String v1Status(int id, String... hashtags) {
    String entities =
        Stream.of(hashtags).map(h -> "{\"text\":\"" + h + "\"}").collect(Collectors.joining(","));
    return "{\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"id_str\":\""
        + id
        + "\",\"text\":\"status "
        + id
        + "\",\"entities\":{\"hashtags\":["
        + entities
        + "]},\"user\":{\"screen_name\":\"dev\"}}";
  }

  private static String v2Tweet(int id, String... hashtags) {
    String entities =
        Stream.of(hashtags).map(h -> "{\"tag\":\"" + h + "\"}").collect(Collectors.joining(","));
    return "{\"id\":\""
        + id
        + "\",\"text\":\"tweet "
        + id
        + "\",\"created_at\":\"2024-02-23T08:00:00.000Z\",\"entities\":{\"hashtags\":["
        + entities
        + "]}}";
  }

  /**
   * Writes a file as if it appeared at {@code millis} on the job's clock: Spark's file stream takes
   * a file in the first batch at or after its modification time.
   */
  private static Path write(Path file, List<String> lines, boolean gzip, long millis)
      throws IOException {
    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(text);
    }
    Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    return file;
  }

  private static PopularHashtagsCommand command(Path tweets, Path checkpoint, TestDatabase db) {
    PopularHashtagsCommand command = new PopularHashtagsCommand();
    PipelineCommandLine.create(command)
        .parseArgs(
            "--input",
            "dir:" + tweets,
            "--jdbc-url",
            db.url(),
            "--checkpoint",
            checkpoint.toString(),
            "--console",
            "--batch",
            "1s",
            "--window",
            "3s",
            "--slide",
            "1s",
            "--bootstrap",
            NO_BROKER,
            "--registry",
            NO_REGISTRY);
    return command;
  }

  /** popular_hashtags as slide second → ["#rank hashtag=hits", ...]. */
  private static Map<Long, List<String>> table(TestDatabase db) {
    Map<Long, List<String>> slides = new TreeMap<>();
    for (Map<String, Object> row :
        db.query(
            "SELECT slide_time, rank, hashtag, hits FROM popular_hashtags"
                + " ORDER BY slide_time, rank")) {
      long second = ((LocalDateTime) row.get("slide_time")).toEpochSecond(ZoneOffset.UTC);
      slides
          .computeIfAbsent(second, s -> new ArrayList<>())
          .add("#" + row.get("rank") + " " + row.get("hashtag") + "=" + row.get("hits"));
    }
    return slides;
  }

  /**
   * The rows of a slide whose window holds these batches' hashtag keys: most first, ties by key.
   */
  @SafeVarargs
  private static List<String> ranking(List<String>... batches) {
    Map<String, Long> counts =
        Stream.of(batches)
            .flatMap(List::stream)
            .collect(Collectors.groupingBy(key -> key, TreeMap::new, Collectors.counting()));
    List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
    ranked.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      rows.add("#" + (i + 1) + " " + ranked.get(i).getKey() + "=" + ranked.get(i).getValue());
    }
    return rows;
  }

  @Test
  void shouldRankTheHashtagsOfTweetFilesAndReadNoneAgainAfterARestart() throws Exception {
    Path tweets = Files.createDirectories(work.resolve("tweets"));
    Path checkpoint = work.resolve("checkpoint");
    // There at the start, gzipped under a plain name: v1.1 statuses, a stream control message
    // (skipped) and, on line 4, a line that is not a tweet. Its time is inside the file stream's
    // window of the first batch, so the file stream too would read it if it were not kept out.
    Path statuses =
        write(
            tweets.resolve("statuses-2016"),
            List.of(
                v1Status(1, "Spark", "Kafka"),
                "{\"delete\":{\"status\":{\"id\":1,\"id_str\":\"1\"}}}",
                v1Status(2, "KAFKA"),
                NOT_A_TWEET,
                v1Status(4, "Ｓｐａｒｋ")),
            true,
            500);
    List<String> statusKeys = List.of("spark", "kafka", "kafka", "spark");
    // Appears before the second batch: a v2 page of two tweets and a v2 response of one.
    List<String> v2Lines =
        List.of(
            "{\"data\":["
                + v2Tweet(10, "Spark", "Flink")
                + ","
                + v2Tweet(11, "flink", "kafka")
                + "],\"meta\":{\"result_count\":2}}",
            "{\"data\":" + v2Tweet(12, "Kafka") + "}");
    List<String> v2Keys = List.of("spark", "flink", "flink", "kafka", "kafka");
    // Appears after the restart: a v2 tweet on its own line (twarc2 flatten).
    List<String> flattenedKeys = List.of("beam");

    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      try (ManualBatches batches = new ManualBatches(command(tweets, checkpoint, db)::context)) {
        batches.advance(1000);
        assertThat(table(db).get(1L)).isEqualTo(ranking(statusKeys));

        write(tweets.resolve("responses.json"), v2Lines, false, 1500);
        batches.advance(1000);
        assertThat(table(db).get(2L)).isEqualTo(ranking(statusKeys, v2Keys));
      }

      try (ManualBatches batches = new ManualBatches(command(tweets, checkpoint, db)::context)) {
        write(tweets.resolve("flattened.jsonl"), List.of(v2Tweet(20, "Beam")), false, 2500);
        batches.advance(1000); // (0 s, 3 s]: each file once
        assertThat(table(db).get(3L)).isEqualTo(ranking(statusKeys, v2Keys, flattenedKeys));

        batches.advance(1000); // (1 s, 4 s]: the first batch, the statuses, left the window
        assertThat(table(db).get(4L)).isEqualTo(ranking(v2Keys, flattenedKeys));
      }
      assertThat(table(db).keySet()).containsExactly(1L, 2L, 3L, 4L);
    }

    List<Row> letters =
        SparkTestSession.get()
            .read()
            .json(checkpoint.resolve("diverted/dead-letters").toString())
            .collectAsList();
    assertThat(letters).hasSize(1);
    Row letter = letters.get(0);
    assertThat(letter.<String>getAs("sourceLocation")).isEqualTo("file:" + statuses + ":4");
    assertThat(letter.<String>getAs("sourceTopic")).isNull();
    assertThat(letter.<Object>getAs("sourceOffset")).isNull();
    assertThat(letter.<String>getAs("payload")).isEqualTo(NOT_A_TWEET);
    assertThat(letter.<String>getAs("payloadBase64"))
        .isEqualTo(
            Base64.getEncoder().encodeToString(NOT_A_TWEET.getBytes(StandardCharsets.UTF_8)));
    assertThat(letter.<String>getAs("errorClass")).isEqualTo("TweetParseError");
    assertThat(letter.<String>getAs("errorMessage"))
        .isEqualTo(
            ((TweetParseOutcome.Rejected) new TweetJsonParser().parse(NOT_A_TWEET)).reason());
    assertThat(letter.<String>getAs("stage")).isEqualTo(PopularHashtagsJob.NAME);
    assertThat(letter.<Object>getAs("batch")).isEqualTo(1000);
  }
}
