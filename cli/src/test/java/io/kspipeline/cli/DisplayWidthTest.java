package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayWidthTest {
  private static final String FLAG_JP = "\uD83C\uDDEF\uD83C\uDDF5"; // regional indicators J, P
  private static final String FLAG_FR = "\uD83C\uDDEB\uD83C\uDDF7";
  private static final String GRIN = "\uD83D\uDE00"; // U+1F600, a surrogate pair

  @Test
  void shouldCountWideCharactersTwiceAndCombiningMarksNotAtAll() {
    assertThat(DisplayWidth.of("東京")).isEqualTo(4);
    assertThat(DisplayWidth.of("データ")).isEqualTo(6);
    assertThat(DisplayWidth.of("e\u0301")).isEqualTo(1);
    assertThat(DisplayWidth.of(GRIN)).isEqualTo(2);
    assertThat(DisplayWidth.of(FLAG_JP)).isEqualTo(2);
    assertThat(DisplayWidth.of("한국")).isEqualTo(4);
    assertThat(DisplayWidth.of("ＡＢ")).isEqualTo(4); // fullwidth forms
    assertThat(DisplayWidth.of("#spark")).isEqualTo(6);
    assertThat(DisplayWidth.of("a\u200Db\uFE0F")).isEqualTo(2); // joiner, variation selector
  }

  @Test
  void shouldPadByDisplayWidth() {
    assertThat(DisplayWidth.padEnd("東京", 6)).isEqualTo("東京  ");
    assertThat(DisplayWidth.padEnd("tokyo", 6)).isEqualTo("tokyo ");
    assertThat(DisplayWidth.padStart("42", 5)).isEqualTo("   42");
    assertThat(DisplayWidth.fit("e\u0301t\u00E9", 4)).isEqualTo("e\u0301t\u00E9 ");
  }

  @Test
  void shouldAbbreviateWithinTheWidthWithoutSplittingCharacters() {
    assertThat(DisplayWidth.abbreviate("東京タワー", 10)).isEqualTo("東京タワー");
    assertThat(DisplayWidth.abbreviate("東京タワー", 9)).isEqualTo("東京タワ…");
    // A wide character that does not fit before the ellipsis leaves a column free.
    assertThat(DisplayWidth.abbreviate("東京タワー", 6)).isEqualTo("東京…");
    assertThat(DisplayWidth.fit("東京タワー", 6)).isEqualTo("東京… ");
    assertThat(DisplayWidth.abbreviate(GRIN + GRIN + GRIN, 4)).isEqualTo(GRIN + "…");
    assertThat(DisplayWidth.abbreviate(FLAG_JP + FLAG_FR, 3)).isEqualTo(FLAG_JP + "…");
    // The combining acute stays with its e.
    assertThat(DisplayWidth.abbreviate("e\u0301e\u0301e\u0301", 2)).isEqualTo("e\u0301…");
    assertThat(DisplayWidth.abbreviate("/products/12345", 8)).isEqualTo("/produc…");
    assertThat(DisplayWidth.abbreviate("anything", 0)).isEmpty();
  }

  @Test
  void shouldAbbreviateAtTheStartKeepingTheEnd() {
    assertThat(DisplayWidth.abbreviateStart("/tmp/work/demo.log", 12)).isEqualTo("…rk/demo.log");
    assertThat(DisplayWidth.abbreviateStart("/データ/demo.log", 11)).isEqualTo("…/demo.log");
    assertThat(DisplayWidth.abbreviateStart("/データ/demo.log", 13)).isEqualTo("…タ/demo.log");
    assertThat(DisplayWidth.abbreviateStart("/short.log", 12)).isEqualTo("/short.log");
  }
}
