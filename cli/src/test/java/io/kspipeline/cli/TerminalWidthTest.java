package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalWidthTest {
  @Test
  void shouldTakeOnlyAPositiveColumnCountFromColumns() {
    assertThat(TerminalWidth.parse("120")).isEqualTo(120);
    assertThat(TerminalWidth.parse(" 80\n")).isEqualTo(80);
    assertThat(TerminalWidth.parse("0")).isEqualTo(-1);
    assertThat(TerminalWidth.parse("wide")).isEqualTo(-1);
    assertThat(TerminalWidth.parse(null)).isEqualTo(-1);
  }
}
