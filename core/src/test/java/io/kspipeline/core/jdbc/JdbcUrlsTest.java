package io.kspipeline.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void shouldReadTheServerWithOrWithoutPort() {
    assertThat(JdbcUrls.server("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
        .isEqualTo("127.0.0.1:5432");
    assertThat(JdbcUrls.server("jdbc:postgresql://db/test")).isEqualTo("db");
    assertThat(JdbcUrls.server("jdbc:mariadb://db:3306?user=root")).isEqualTo("db:3306");
    assertThat(JdbcUrls.server("jdbc:h2:tcp://localhost:9092/~/test;USER=sa"))
        .isEqualTo("localhost:9092");
  }

  @Test
  void shouldPutAnotherServerAndKeepTheRest() {
    assertThat(
            JdbcUrls.withServer(
                "jdbc:postgresql://db.example:5432/test?user=postgres", "127.0.0.1:41000"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:41000/test?user=postgres");
    assertThat(JdbcUrls.withServer("jdbc:mariadb://db?user=root", "127.0.0.1:41000"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:41000?user=root");
    assertThat(JdbcUrls.withServer("jdbc:h2:tcp://localhost/~/test;USER=sa", "127.0.0.1:41000"))
        .isEqualTo("jdbc:h2:tcp://127.0.0.1:41000/~/test;USER=sa");
  }

  @Test
  void shouldShowTheUrlWithoutItsParameters() {
    assertThat(JdbcUrls.withoutParameters("jdbc:postgresql://h:5432/test?user=u&password=p"))
        .isEqualTo("jdbc:postgresql://h:5432/test");
    assertThat(JdbcUrls.withoutParameters("jdbc:h2:tcp://h/~/test;USER=sa;PASSWORD=p"))
        .isEqualTo("jdbc:h2:tcp://h/~/test");
    assertThat(JdbcUrls.withoutParameters("jdbc:mariadb://h/test"))
        .isEqualTo("jdbc:mariadb://h/test");
  }

  @Test
  void shouldRefuseAUrlWithoutAServer() {
    assertThatThrownBy(() -> JdbcUrls.server("jdbc:h2:mem:test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a server JDBC URL");
  }
}
