package io.kspipeline.jobs.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where results are written. The password never appears in {@link #toString()}. */
public record JdbcSettings(String url, String user, String password) implements Serializable {

  public static JdbcSettings of(String url) {
    return new JdbcSettings(url, null, null);
  }

  public Connection connect() throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return DriverManager.getConnection(url, props);
  }

  public SqlDialect dialect() {
    return SqlDialect.of(url);
  }

  @Override
  public String toString() {
    return "JdbcSettings[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "[hidden]")
        + "]";
  }
}
