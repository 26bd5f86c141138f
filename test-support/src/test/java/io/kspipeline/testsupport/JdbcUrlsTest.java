package io.kspipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  @Test
  void shouldReplaceDatabaseAndKeepParameters() {
    assertThat(JdbcUrls.withDatabase("jdbc:mariadb://127.0.0.1:3306/test?user=root", "it_1"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/it_1?user=root");
  }

  @Test
  void shouldAddDatabaseWhenUrlHasNone() {
    assertThat(JdbcUrls.withDatabase("jdbc:mariadb://db:3306", "it_1"))
        .isEqualTo("jdbc:mariadb://db:3306/it_1");
  }

  @Test
  void shouldAppendParameterWithTheRightSeparator() {
    assertThat(JdbcUrls.withParameter("jdbc:postgresql://h/test", "currentSchema", "s"))
        .isEqualTo("jdbc:postgresql://h/test?currentSchema=s");
    assertThat(JdbcUrls.withParameter("jdbc:postgresql://h/test?user=u", "currentSchema", "s"))
        .isEqualTo("jdbc:postgresql://h/test?user=u&currentSchema=s");
  }
}
