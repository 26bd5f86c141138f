package io.kspipeline.core.tweets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same three tweets as the archives write them ({@code tweets/shapes/}): v2 response pages, v2
 * tweets one per line, twarc2-flattened tweets and v1.1 statuses all give the same records.
 */
class TweetShapesTest {
  private static final TweetJsonParser PARSER = new TweetJsonParser();

  private static final List<TweetRecord> THREE_TWEETS =
      List.of(
          new TweetRecord(
              "1445880548472328192",
              Instant.parse("2021-10-06T22:31:02Z"),
              "Hello #TwitterDev and #API fans",
              "en",
              "TwitterDev",
              List.of("TwitterDev", "API"),
              TweetRecord.Source.V2),
          new TweetRecord(
              "1460323737035677698",
              Instant.parse("2021-11-15T19:08:05Z"),
              "@TwitterDev streaming with #Kafka &amp; #Spark \uD83D\uDE80",
              "en",
              "kafka_fan",
              List.of("Kafka", "Spark"),
              TweetRecord.Source.V2),
          new TweetRecord(
              "1519781379172495360",
              Instant.parse("2022-04-28T20:00:00Z"),
              "今日は晴れ",
              "ja",
              "jack",
              List.of(),
              TweetRecord.Source.V2));

  private static List<String> lines(String file) throws IOException {
    try (InputStream in = TweetShapesTest.class.getResourceAsStream("/tweets/shapes/" + file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static List<TweetRecord> tweets(String file) throws IOException {
    List<TweetRecord> tweets = new ArrayList<>();
    for (String line : lines(file)) {
      TweetParseOutcome outcome = PARSER.parse(line);
      assertThat(outcome).as(line).isInstanceOf(TweetParseOutcome.Found.class);
      tweets.addAll(((TweetParseOutcome.Found) outcome).tweets());
    }
    return tweets;
  }

  private static TweetRecord withUserName(TweetRecord t, String userName) {
    return new TweetRecord(
        t.id(), t.createdAt(), t.text(), t.lang(), userName, t.hashtags(), t.source());
  }

  private static TweetRecord fromV1(TweetRecord t) {
    return new TweetRecord(
        t.id(),
        t.createdAt(),
        t.text(),
        t.lang(),
        t.userName(),
        t.hashtags(),
        TweetRecord.Source.V1_1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2-pages.jsonl", "twarc2-flatten.jsonl"})
  void shouldReadV2PagesAndTwarc2FlattenedTweetsWithTheirAuthors(String file) throws IOException {
    assertThat(tweets(file)).isEqualTo(THREE_TWEETS);
  }

  /** Without expansions a v2 tweet names its author by id only. */
  @Test
  void shouldReadV2TweetsOnePerLineWithTheirAuthorIds() throws IOException {
    assertThat(tweets("v2-tweets.jsonl"))
        .containsExactly(
            withUserName(THREE_TWEETS.get(0), "2244994945"),
            withUserName(THREE_TWEETS.get(1), "783214"),
            withUserName(THREE_TWEETS.get(2), "12"));
  }

  @Test
  void shouldReadTheSameTweetsFromV11Statuses() throws IOException {
    assertThat(tweets("v1-statuses.jsonl"))
        .isEqualTo(THREE_TWEETS.stream().map(TweetShapesTest::fromV1).toList());
  }

  @Test
  void shouldSkipEveryControlMessageOfTheV11AndV2Streams() throws IOException {
    assertThat(lines("control-messages.jsonl").stream().map(PARSER::parse))
        .containsExactly(
            new TweetParseOutcome.Skipped("delete"),
            new TweetParseOutcome.Skipped("limit"),
            new TweetParseOutcome.Skipped("scrub_geo"),
            new TweetParseOutcome.Skipped("status_withheld"),
            new TweetParseOutcome.Skipped("user_withheld"),
            new TweetParseOutcome.Skipped("disconnect"),
            new TweetParseOutcome.Skipped("warning"),
            new TweetParseOutcome.Skipped("errors"),
            new TweetParseOutcome.Skipped("errors"));
  }
}
