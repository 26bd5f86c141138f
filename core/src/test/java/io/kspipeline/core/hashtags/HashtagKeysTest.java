package io.kspipeline.core.hashtags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class HashtagKeysTest {
  @Test
  void shouldLowerCase() {
    assertThat(HashtagKeys.key("Kafka")).isEqualTo("kafka");
    assertThat(HashtagKeys.key("МОСКВА")).isEqualTo("москва");
  }

  @Test
  void shouldFoldFullWidthAndCompatibilityForms() {
    assertThat(HashtagKeys.key("Ｋａｆｋａ")).isEqualTo("kafka");
    assertThat(HashtagKeys.key("ｶﾌｶ")).isEqualTo("カフカ");
    assertThat(HashtagKeys.key("ﬁle")).isEqualTo("file");
  }

  @Test
  void shouldComposeDecomposedAccents() {
    assertThat(HashtagKeys.key("Cafe\u0301")).isEqualTo("caf\u00e9");
  }

  @Test
  void shouldNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertThat(HashtagKeys.key("TITLE")).isEqualTo("title");
    } finally {
      Locale.setDefault(saved);
    }
  }
}
