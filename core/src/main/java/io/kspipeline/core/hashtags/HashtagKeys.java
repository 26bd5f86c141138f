package io.kspipeline.core.hashtags;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The key hashtags are counted under in every table and topic: NFKC-normalised (full-width and
 * compatibility forms fold to their plain letters) and lower-cased with {@link Locale#ROOT}, so
 * {@code #Kafka}, {@code #KAFKA} and {@code #Ｋａｆｋａ} count together on every JVM.
 */
public final class HashtagKeys {
  private HashtagKeys() {}

  /** The key of a hashtag as written, without its sign. */
  public static String key(String hashtag) {
    return Normalizer.normalize(hashtag, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
