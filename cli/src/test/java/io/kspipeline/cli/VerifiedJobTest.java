package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.cli.JobRunArgs.RunKind;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.ErrorAlert;
import io.kspipeline.schemas.avro.KeyCount;
import io.kspipeline.schemas.avro.RankEntry;
import io.kspipeline.schemas.avro.Ranking;
import io.kspipeline.schemas.avro.StatusCount;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.WindowedCount;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * verify's jobs read the catalog's declarations (the table and output they check are the job's),
 * and each job's truth is what its events must give.
 */
class VerifiedJobTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void shouldKnowEveryJobOfTheCatalogInItsOrder() {
    assertThat(VerifiedJob.all().stream().map(VerifiedJob::name))
        .containsExactlyElementsOf(JobCatalog.names());
    assertThat(VerifiedJob.selected("TOP-URLS"))
        .extracting(VerifiedJob::name)
        .containsExactly("top-urls");
    assertThat(VerifiedJob.selected("all")).hasSize(8);
    assertThatThrownBy(() -> VerifiedJob.selected("word-count"))
        .hasMessage(
            "verify knows status-counts, top-urls, action-counts, trending-hashtags,"
                + " error-alerts, error-lines, popular-hashtags and hashtag-counts (or all), not"
                + " word-count");
    assertThat(new VerifiedJob.Names()).containsExactlyElementsOf(JobCatalog.names());
  }

  @Test
  void shouldCheckTheCatalogsTableByItsKeysAndHits() {
    for (VerifiedJob job : VerifiedJob.all()) {
      assertThat(job.hasTable()).as(job.name()).isEqualTo(!job.spec().tables().isEmpty());
      if (!job.hasTable()) {
        continue;
      }
      TableSpec table = job.spec().tables().get(0);
      assertThat(job.table()).isEqualTo(table.name());
      List<String> columns =
          java.util.stream.Stream.concat(table.keyColumns().stream(), table.valueColumns().stream())
              .map(Column::name)
              .toList();
      assertThat(columns).as(job.name()).containsAll(job.keyColumns()).contains("hits");
    }
    assertThat(VerifiedJob.all().stream().filter(j -> !j.hasTable()).map(VerifiedJob::name))
        .containsExactly("error-alerts", "error-lines");
    assertThat(VerifiedJob.selected("action-counts").get(0).keyColumns())
        .containsExactly("window_start", "action");
  }

  @Test
  void shouldReadTheOutputAsTheValueTheCatalogDeclares() {
    for (VerifiedJob job : VerifiedJob.all()) {
      String declared = job.spec().output().value();
      assertThat(OutputSchemas.of(job.spec().output()).map(s -> s.getName()).orElse("text"))
          .as(job.name())
          .isEqualTo(declared);
    }
    assertThat(job("error-alerts").outputReading()).isEqualTo(OutputReading.DISTINCT_RECORDS);
    assertThat(job("error-lines").outputReading()).isEqualTo(OutputReading.DISTINCT_RECORDS);
    assertThat(job("status-counts").outputReading()).isEqualTo(OutputReading.LATEST_PER_KEY);
    assertThat(job("popular-hashtags").outputReading()).isEqualTo(OutputReading.LAST_RECORD);
  }

  @Test
  void shouldGiveEveryJobUniqueIdsAndSomethingToFind() {
    for (VerifiedJob job : VerifiedJob.all()) {
      VerifyEvents truth = job.events(300, new Random(3));
      assertThat(truth.events()).as(job.name()).hasSize(300);
      assertThat(truth.events().stream().map(VerifyEvents.Event::id).distinct()).hasSize(300);
      assertThat(truth.expected()).as(job.name()).isNotEmpty();
      assertThat(truth.expected().values()).allMatch(n -> n > 0);
    }
  }

  @Test
  void shouldCountStatusesOfStatusCounts() {
    VerifyEvents truth = job("status-counts").events(200, new Random(1));
    assertThat(total(truth)).isEqualTo(200);
    for (String status : truth.expected().keySet()) {
      long requests =
          truth.events().stream()
              .filter(e -> String.valueOf(((AccessLogEvent) e.value()).getStatus()).equals(status))
              .count();
      assertThat(truth.expected().get(status)).as(status).isEqualTo(requests);
    }
    assertThat(job("status-counts").topicCounts(avro(new StatusCount(503, 7L))))
        .isEqualTo(Map.of("503", 7L));
  }

  @Test
  void shouldPutEventTimesIntoEveryWindowThatHoldsThem() {
    EventWindows sliding = new EventWindows(Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(sliding.startsHolding(T0.plusSeconds(25)))
        .containsExactly(T0.plusSeconds(20), T0.plusSeconds(10), T0);
    // A window [start, start + 30 s) does not hold its end.
    assertThat(sliding.startsHolding(T0.plusSeconds(30)))
        .containsExactly(T0.plusSeconds(30), T0.plusSeconds(20), T0.plusSeconds(10));
    assertThat(EventWindows.tumbling(Duration.ofSeconds(10)).keysOf(T0.plusMillis(39_999), "click"))
        .containsExactly("2024-01-01T00:00:30Z click");
    // Reached once an event is in the window's last slide, [20 s, 30 s) for the window from 0.
    assertThat(sliding.reachedBy(T0, T0.plusMillis(19_999))).isFalse();
    assertThat(sliding.reachedBy(T0, T0.plusSeconds(20))).isTrue();
    assertThat(sliding.reachedBy(T0, T0.plusSeconds(95))).isTrue();
  }

  @Test
  void shouldCountTopUrlsHitsPerSlidingWindow() {
    VerifiedJob topUrls = job("top-urls");
    VerifyEvents truth = topUrls.events(4, new Random(5));
    // Events at 0, 10, 20 and 30 s: each in the three 30 s windows sliding 10 s that hold it.
    assertThat(total(truth)).isEqualTo(12);
    AccessLogEvent first = (AccessLogEvent) truth.events().get(0).value();
    assertThat(first.getTimestamp()).isEqualTo(T0);
    assertThat(truth.expected())
        .containsKeys(
            "2023-12-31T23:59:40Z " + first.getEndpoint(),
            "2023-12-31T23:59:50Z " + first.getEndpoint(),
            "2024-01-01T00:00:00Z " + first.getEndpoint());
    Ranking ranking =
        new Ranking(
            T0,
            T0.plusSeconds(30),
            List.of(new RankEntry(1, "/page/3", 5L), new RankEntry(2, "/page/1", 2L)));
    assertThat(topUrls.topicCounts(avro(ranking)))
        .isEqualTo(Map.of("2024-01-01T00:00:00Z /page/3", 5L, "2024-01-01T00:00:00Z /page/1", 2L));
    assertThat(topUrls.options()).containsSequence("--top", "16");
  }

  @Test
  void shouldCountActionsPerTumblingWindowFromJson() {
    VerifiedJob actions = job("action-counts");
    VerifyEvents truth = actions.events(8, new Random(2));
    assertThat(total(truth)).isEqualTo(8); // tumbling: one window per event
    Pattern json =
        Pattern.compile("\\{\"action\":\"(\\w+)\",\"time\":\"([^\"]+)\",\"userId\":\"(a\\d{7})\"}");
    Map<String, Long> recount = new java.util.TreeMap<>();
    for (VerifyEvents.Event event : truth.events()) {
      Matcher m = json.matcher(event.text());
      assertThat(m.matches()).as(event.text()).isTrue();
      assertThat(m.group(3)).isEqualTo(event.id());
      Instant time = Instant.parse(m.group(2));
      Instant start = Instant.ofEpochSecond(time.getEpochSecond() / 10 * 10);
      recount.merge(start + " " + m.group(1), 1L, Long::sum);
    }
    assertThat(truth.expected()).isEqualTo(recount);
    // 8 events over 40 s: the last at 35 s, in the window from 30 s.
    assertThat(truth.events().get(7).text()).contains("\"time\":\"2024-01-01T00:00:35Z\"");
    assertThat(
            actions.topicCounts(
                avro(new WindowedCount(T0.plusSeconds(10), T0.plusSeconds(20), "click", 4L))))
        .isEqualTo(Map.of("2024-01-01T00:00:10Z click", 4L));
    assertThat(actions.options()).containsExactly("--window", "10s", "--watermark", "10m");
  }

  @Test
  void shouldCountTrendingHashtagsPerWindowUnderTheirKeys() {
    VerifiedJob trending = job("trending-hashtags");
    VerifyEvents truth = trending.events(4, new Random(9));
    // Tweets at 0, 10, 20 and 30 s; the newest reaches the windows from -20, -10, 0 and 10 s (their
    // last slide is at 30 s at the latest), not those from 20 and 30 s.
    int[] windowsReached = {3, 3, 2, 1};
    long expected = 0;
    for (int i = 0; i < 4; i++) {
      expected += windowsReached[i] * ((Tweet) truth.events().get(i).value()).getHashtags().size();
    }
    assertThat(total(truth)).isEqualTo(expected);
    assertThat(truth.expected().keySet())
        .allMatch(key -> key.compareTo("2024-01-01T00:00:20Z") < 0)
        .anyMatch(key -> key.startsWith("2023-12-31T23:59:40Z "))
        .anyMatch(key -> key.startsWith("2024-01-01T00:00:10Z "));
    assertThat(truth.expected().keySet())
        .allMatch(key -> key.matches("20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d0Z [a-z]+"));
    assertThat(trending.options()).containsSequence("--top", "14");
  }

  @Test
  void shouldExpectOneAlertPerServerError() {
    VerifiedJob alerts = job("error-alerts");
    VerifyEvents truth = alerts.events(100, new Random(4));
    Set<String> serverErrors =
        truth.events().stream()
            .filter(e -> ((AccessLogEvent) e.value()).getStatus() >= 500)
            .map(VerifyEvents.Event::id)
            .collect(java.util.stream.Collectors.toSet());
    assertThat(serverErrors).isNotEmpty().hasSizeLessThan(100);
    assertThat(truth.expected().keySet()).isEqualTo(serverErrors);
    assertThat(truth.expected().values()).containsOnly(1L);
    ErrorAlert alert =
        ErrorAlert.newBuilder()
            .setTimestamp(T0)
            .setClientIp("10.0.0.1")
            .setMethod("GET")
            .setEndpoint("/verify/x0000042")
            .setStatus(503)
            .setReason("server-error")
            .setSourceTopic("in")
            .setSourcePartition(1)
            .setSourceOffset(7L)
            .build();
    assertThat(alerts.topicCounts(avro(alert))).isEqualTo(Map.of("x0000042", 1L));
  }

  @Test
  void shouldExpectEachLineContainingErrorOnce() {
    VerifiedJob lines = job("error-lines");
    VerifyEvents truth = lines.events(90, new Random(6));
    List<String> withError =
        truth.events().stream()
            .filter(e -> e.text().contains("error"))
            .map(VerifyEvents.Event::id)
            .toList();
    assertThat(withError).isNotEmpty().hasSizeLessThan(90);
    assertThat(truth.expected().keySet()).containsExactlyInAnyOrderElementsOf(withError);
    String line =
        truth.events().stream().filter(e -> e.text().contains("error")).findFirst().get().text();
    assertThat(line)
        .matches(
            "10\\.0\\.0\\.\\d+ - - \\[01/Jan/2024:00:00:\\d\\d \\+0000\\]"
                + " \"GET /verify/l\\d{7}/error HTTP/1.1\" 500 \\d+ \"-\" \"verify\"");
    assertThat(lines.topicCounts(OutputValue.text(line)))
        .isEqualTo(Map.of(line.replaceAll(".*/verify/(l\\d{7}).*", "$1"), 1L));
    assertThatThrownBy(() -> lines.topicCounts(OutputValue.text("an error elsewhere")))
        .hasMessageContaining("without a verify id");
  }

  @Test
  void shouldCountEveryHashtagOccurrenceUnderItsKey() {
    VerifyEvents truth = job("hashtag-counts").events(200, new Random(8));
    long occurrences =
        truth.events().stream().mapToLong(e -> ((Tweet) e.value()).getHashtags().size()).sum();
    assertThat(total(truth)).isEqualTo(occurrences);
    // Spark, spark; Kafka, KAFKA and the full-width Ｋａｆｋａ: one key each.
    assertThat(truth.expected().keySet())
        .hasSize(VerifyTweets.KEYS)
        .containsExactlyInAnyOrder("spark", "kafka", "flink", "beam", "avro", "jvm", "sql");
    assertThat(job("hashtag-counts").topicCounts(avro(new KeyCount("kafka", 12L))))
        .isEqualTo(Map.of("kafka", 12L));
  }

  @Test
  void shouldCheckPopularHashtagsLastSlideAgainstTheTotals() throws Exception {
    VerifiedJob popular = job("popular-hashtags");
    VerifyEvents truth = popular.events(200, new Random(8));
    assertThat(truth.expected())
        .isEqualTo(
            VerifyTweets.totals(VerifyTweets.of("p", 200, Duration.ofSeconds(2), new Random(8)))
                .expected());
    Ranking last =
        new Ranking(
            T0,
            T0.plus(PopularHashtagsVerification.WINDOW),
            List.of(new RankEntry(1, "kafka", 90L), new RankEntry(2, "sql", 40L)));
    assertThat(popular.topicCounts(avro(last))).isEqualTo(Map.of("kafka", 90L, "sql", 40L));
    assertThat(popular.options())
        .containsSequence("--window", "1800s")
        .containsSequence("--top", "14");
    // The table: the rows of the latest slide time only.
    String url = "jdbc:h2:mem:popular;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE popular_hashtags (slide_time TIMESTAMP, rank INT, hashtag VARCHAR(64),"
              + " hits BIGINT, PRIMARY KEY (slide_time, rank))");
      s.execute(
          "INSERT INTO popular_hashtags VALUES (TIMESTAMP '2024-01-01 00:00:01', 1, 'kafka', 3),"
              + " (TIMESTAMP '2024-01-01 00:00:02', 1, 'kafka', 5),"
              + " (TIMESTAMP '2024-01-01 00:00:02', 2, 'sql', 4)");
      ResultTable table = new ResultTable(url, popular);
      assertThat(table.counts()).isEqualTo(Map.of("kafka", 5L, "sql", 4L));
      assertThat(table.total()).isEqualTo(9);
    }
  }

  @Test
  void shouldRunEachJobWithTheOptionsItsApiAndTableTake() {
    VerifySetup setup =
        new VerifySetup(
            "localhost:9092",
            null,
            "mock://verify",
            "jdbc:h2:tcp://localhost:1/verify",
            java.nio.file.Path.of("/tmp/run"),
            "/tmp/run/checkpoint",
            "verify-run-");
    List<String> alerts = job("error-alerts").args(setup, 60, RunKind.STOPPED);
    assertThat(alerts).startsWith("error-alerts").doesNotContain("--jdbc-url");
    assertThat(alerts).containsSequence("--trigger", "1s", "--max-offsets-per-trigger", "10");
    assertThat(job("top-urls").args(setup, 600, RunKind.DRAINED))
        .containsSequence("--jdbc-url", "jdbc:h2:tcp://localhost:1/verify")
        .containsSequence("--trigger", "available-now")
        .doesNotContain("--max-offsets-per-trigger");
    assertThat(job("top-urls").args(setup, 600, RunKind.DRAINED_IN_STEPS))
        .containsSequence("--trigger", "available-now", "--max-offsets-per-trigger", "100");
    assertThat(job("error-lines").args(setup, 120, RunKind.DRAINED))
        .doesNotContain("--jdbc-url", "--trigger")
        .containsSequence("--group-id", "verify-run-group", "--max-rate-per-partition", "10");
    assertThat(job("popular-hashtags").args(setup, 120, RunKind.STOPPED))
        .containsSequence("--jdbc-url", "jdbc:h2:tcp://localhost:1/verify")
        .containsSequence("--batch", "1s");
    assertThat(job("error-lines").endsWhenDrained()).isFalse();
    assertThat(job("error-alerts").endsWhenDrained()).isTrue();
  }

  private static VerifiedJob job(String name) {
    return VerifiedJob.selected(name).get(0);
  }

  private static long total(VerifyEvents truth) {
    return truth.expected().values().stream().mapToLong(Long::longValue).sum();
  }

  private static OutputValue avro(org.apache.avro.generic.GenericRecord record) {
    return OutputValue.avro(record);
  }
}
