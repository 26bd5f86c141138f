package io.kspipeline.jobs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextKeyHashTest {
  @Test
  void shouldBeTheLowercaseHexSha256OfTheUtf8Text() {
    // As `printf '%s' TEXT | sha256sum` prints them.
    assertThat(TextKeyHash.of("/a"))
        .isEqualTo("6a50dc8584134c7de537c0052ff6d236bf874355e050c90523e0c5ff2a543a28");
    assertThat(TextKeyHash.of("/é€😀"))
        .isEqualTo("6d8ee3f5b2d2107f9031af23c7e521c0b25f8f0dfd56d0b1741b2751b808054e");
  }

  @Test
  void shouldBeNamedAfterTheTextColumn() {
    assertThat(TextKeyHash.columnOf(Column.of("endpoint", Column.Type.TEXT)))
        .isEqualTo("endpoint_sha256");
  }
}
