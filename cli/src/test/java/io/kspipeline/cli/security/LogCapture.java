package io.kspipeline.cli.security;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Sends every log event at INFO and above (DEBUG for our code and Spark's Kafka connector, which
 * logs client parameters at DEBUG) to a file, while the console keeps to warnings. {@link #close()}
 * puts the test logging configuration back.
 */
final class LogCapture implements AutoCloseable {
  private final Path file;

  private LogCapture(Path file) {
    this.file = file;
  }

  static LogCapture into(Path file) {
    ConfigurationBuilder<BuiltConfiguration> b =
        ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setStatusLevel(Level.WARN);
    b.setConfigurationName("secret-scan");
    b.add(
        b.newAppender("console", "Console")
            .addAttribute("target", "SYSTEM_ERR")
            .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d %-5p %c{1} - %m%n"))
            .add(
                b.newFilter("ThresholdFilter", Filter.Result.NEUTRAL, Filter.Result.DENY)
                    .addAttribute("level", Level.WARN)));
    b.add(
        b.newAppender("capture", "File")
            .addAttribute("fileName", file.toString())
            .add(
                b.newLayout("PatternLayout")
                    .addAttribute("pattern", "%d %-5p [%t] %c - %m%n%throwable")));
    b.add(
        b.newRootLogger(Level.INFO)
            .add(b.newAppenderRef("console"))
            .add(b.newAppenderRef("capture")));
    b.add(b.newLogger("io.kspipeline", Level.DEBUG));
    b.add(b.newLogger("org.apache.spark.sql.kafka010", Level.DEBUG));
    b.add(b.newLogger("org.apache.spark.kafka010", Level.DEBUG));
    Configurator.reconfigure(b.build());
    return new LogCapture(file);
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    Configurator.reconfigure();
  }
}
