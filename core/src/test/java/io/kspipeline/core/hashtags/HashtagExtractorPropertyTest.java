package io.kspipeline.core.hashtags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded randomized properties of extraction; failures name the seed and text. */
class HashtagExtractorPropertyTest {
  private static final String ALPHABET = "ab Z9_#＃&:/.@'\"-😀\u200d\uFE0F\u20E3日ë\u0301क्ाمд \t\n";
  private static final int CASES = 5_000;

  @ParameterizedTest
  @ValueSource(longs = {5L, 2018L, 77_777L})
  void shouldOnlyReturnSignedTagsWithALetterThatAppearInTheText(long seed) {
    Random random = new Random(seed);
    int[] codePoints = ALPHABET.codePoints().toArray();
    for (int i = 0; i < CASES; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(60); n > 0; n--) {
        text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      String input = text.toString();

      List<String> tags = HashtagExtractor.extract(input);

      int searchFrom = 0;
      for (String tag : tags) {
        int at = input.indexOf("#" + tag, searchFrom);
        int atWide = input.indexOf("＃" + tag, searchFrom);
        int found = at < 0 ? atWide : atWide < 0 ? at : Math.min(at, atWide);
        assertThat(found).as("seed %d: %s in %s", seed, tag, input).isGreaterThanOrEqualTo(0);
        assertThat(tag.codePoints().anyMatch(HashtagExtractor::isLetterOrMark))
            .as("seed %d: %s", seed, tag)
            .isTrue();
        assertThat(tag.codePoints().allMatch(HashtagExtractor::isHashtagChar)).isTrue();
        searchFrom = found + 1;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11L, 4242L})
  void shouldFindATagWrittenBetweenSpacesAnywhere(long seed) {
    Random random = new Random(seed);
    String[] words = {"plain", "#x1", "text", "😀", "&", "http://a.b/c", "ok."};
    for (int i = 0; i < CASES; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(6); n > 0; n--) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      text.append("#Tag_").append(i).append(' ');
      for (int n = random.nextInt(6); n > 0; n--) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }

      assertThat(HashtagExtractor.extract(text.toString()))
          .as("seed %d: %s", seed, text)
          .contains("Tag_" + i);
    }
  }
}
