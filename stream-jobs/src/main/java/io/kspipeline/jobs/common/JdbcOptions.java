package io.kspipeline.jobs.common;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.jdbc.DatabaseOutages;
import io.kspipeline.jobs.jdbc.JdbcSettings;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where a job writes its result tables (a picocli mixin). The password comes from an environment
 * variable or a file, never from a flag, so it does not show in {@code ps}.
 */
public final class JdbcOptions {
  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "Database for result tables: jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:."
              + " Without it the job writes to Kafka only.")
  String url;

  @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user.")
  String user;

  @Option(
      names = "--jdbc-password-env",
      paramLabel = "VARIABLE",
      defaultValue = "PIPELINE_JDBC_PASSWORD",
      description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
  String passwordVariable;

  @Option(
      names = "--jdbc-password-file",
      paramLabel = "FILE",
      description =
          "File holding the password (e.g. a mounted Kubernetes secret); wins over the variable.")
  Path passwordFile;

  @Option(
      names = "--jdbc-retry-for",
      paramLabel = "DURATION",
      defaultValue = DatabaseOutages.DEFAULT_RETRY_FOR,
      description =
          "How long a batch's write waits for a database that cannot be reached, trying again"
              + " with a log line per attempt, before the job stops (to resume from its checkpoint"
              + " once restarted) (default: ${DEFAULT-VALUE}).")
  Duration retryFor;

  public JdbcOptions() {}

  public static JdbcOptions of(String url) {
    JdbcOptions options = PipelineCommandLine.withDefaults(new JdbcOptions());
    options.url = url;
    return options;
  }

  /** The database URL, or null without --jdbc-url. */
  public String url() {
    return url;
  }

  /** The database user, or null. */
  public String user() {
    return user;
  }

  public boolean enabled() {
    return url != null && !url.isBlank();
  }

  public JdbcSettings settings() {
    if (!enabled()) {
      throw new IllegalStateException("--jdbc-url is not set");
    }
    return new JdbcSettings(url, user, password());
  }

  /** The exactly-once sink of a result table, its tables created; null without --jdbc-url. */
  public JdbcUpsertSink upsertSink(TableSpec table) throws SQLException {
    if (!enabled()) {
      return null;
    }
    JdbcUpsertSink sink = new JdbcUpsertSink(settings(), table).retryingFor(retryFor);
    sink.createTables();
    return sink;
  }

  private String password() {
    if (passwordFile != null) {
      try {
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --jdbc-password-file " + passwordFile, e);
      }
    }
    return passwordVariable == null ? null : System.getenv(passwordVariable);
  }
}
