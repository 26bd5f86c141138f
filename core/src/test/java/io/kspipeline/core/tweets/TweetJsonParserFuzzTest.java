package io.kspipeline.core.tweets;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kspipeline.core.FuzzInput;
import io.kspipeline.core.hashtags.HashtagExtractor;
import java.util.List;

/**
 * Fuzzes {@link TweetJsonParser}. Without {@code -Pfuzz} it replays the seed lines under {@code
 * TweetJsonParserFuzzTestInputs/parse/} (docs/fuzzing.md).
 *
 * <p>Invariants: any line gives Found, Skipped or Rejected and nothing is thrown; a found tweet has
 * an id, a time and non-empty hashtags; when the line carries no entities and no JSON escapes, the
 * text is a piece of the line and its hashtags are what {@link HashtagExtractor} finds in it.
 */
class TweetJsonParserFuzzTest {
  private static final TweetJsonParser PARSER = new TweetJsonParser();
  private static final List<String> CONTROL_KINDS =
      List.of(
          "delete",
          "limit",
          "scrub_geo",
          "status_withheld",
          "user_withheld",
          "disconnect",
          "warning",
          "errors");

  @FuzzTest
  void parse(byte[] data) {
    String line = FuzzInput.text(data);
    TweetParseOutcome outcome = PARSER.parse(line);

    assertThat(outcome).isNotNull();
    if (outcome instanceof TweetParseOutcome.Rejected rejected) {
      assertThat(rejected.reason()).isNotBlank();
    } else if (outcome instanceof TweetParseOutcome.Skipped skipped) {
      assertThat(CONTROL_KINDS).contains(skipped.kind());
    } else {
      for (TweetRecord tweet : ((TweetParseOutcome.Found) outcome).tweets()) {
        assertSane(line, tweet);
      }
    }
  }

  private static void assertSane(String line, TweetRecord tweet) {
    assertThat(tweet.id()).isNotEmpty();
    assertThat(tweet.createdAt()).isNotNull();
    assertThat(tweet.source()).isNotNull();
    assertThat(tweet.hashtags()).allSatisfy(tag -> assertThat(tag).isNotEmpty());
    boolean literal = !line.contains("\\"); // JSON strings are then the line's own characters
    if (literal) {
      assertThat(line).contains(tweet.id());
      if (tweet.text() != null) {
        assertThat(line).contains(tweet.text());
      }
      if (tweet.userName() != null) {
        assertThat(line).contains(tweet.userName());
      }
    }
    if (literal && !line.contains("entities")) {
      List<String> expected =
          tweet.text() == null ? List.of() : HashtagExtractor.extract(tweet.text());
      assertThat(tweet.hashtags()).isEqualTo(expected);
      assertThat(tweet.hashtags()).allSatisfy(tag -> assertThat(tweet.text()).contains(tag));
    }
  }
}
