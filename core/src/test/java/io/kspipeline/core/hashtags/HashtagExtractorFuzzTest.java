package io.kspipeline.core.hashtags;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kspipeline.core.FuzzInput;
import java.util.List;

/**
 * Fuzzes {@link HashtagExtractor} and {@link HashtagKeys}. Without {@code -Pfuzz} it replays the
 * seed texts under {@code HashtagExtractorFuzzTestInputs/extract/} (docs/fuzzing.md).
 *
 * <p>Invariants: nothing is thrown; every hashtag is non-empty, made of hashtag characters with at
 * least one letter or mark, and found in the text right after a {@code #} or {@code ＃}, in order
 * and without overlapping the previous one; every key is non-empty, and keying a key changes
 * nothing.
 */
class HashtagExtractorFuzzTest {

  @FuzzTest
  void extract(byte[] data) {
    String text = FuzzInput.text(data);
    List<String> tags = HashtagExtractor.extract(text);

    int searchFrom = 0;
    for (String tag : tags) {
      assertThat(tag).isNotEmpty();
      assertThat(tag.codePoints().allMatch(HashtagExtractor::isHashtagChar)).as(tag).isTrue();
      assertThat(tag.codePoints().anyMatch(HashtagExtractor::isLetterOrMark)).as(tag).isTrue();
      int found = signedAt(text, tag, searchFrom);
      assertThat(found).as("#%s after index %d of %s", tag, searchFrom, text).isNotNegative();
      searchFrom = found + 1 + tag.length();

      String key = HashtagKeys.key(tag);
      assertThat(key).isNotEmpty();
      assertThat(HashtagKeys.key(key)).as("key of the key of %s", tag).isEqualTo(key);
    }
  }

  /** Where {@code #tag} or {@code ＃tag} first occurs from {@code from}, or -1. */
  private static int signedAt(String text, String tag, int from) {
    int hash = text.indexOf("#" + tag, from);
    int wide = text.indexOf("\uFF03" + tag, from);
    return hash < 0 ? wide : wide < 0 ? hash : Math.min(hash, wide);
  }
}
