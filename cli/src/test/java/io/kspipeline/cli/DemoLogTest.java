package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DemoLogTest {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLogTest.class);

  @TempDir Path work;

  private final Seen console = new Seen();
  private ConsoleAppender consoleAppender;

  @BeforeEach
  void watchTheConsole() {
    consoleAppender =
        LoggerContext.getContext(false).getConfiguration().getAppenders().values().stream()
            .filter(ConsoleAppender.class::isInstance)
            .map(ConsoleAppender.class::cast)
            .findFirst()
            .orElseThrow();
    consoleAppender.addFilter(console);
  }

  @AfterEach
  void stopWatching() {
    consoleAppender.removeFilter(console);
  }

  @Test
  void shouldLogToTheFileAndCountWarningsAndErrorsUntilClosed() throws Exception {
    DemoLog log = DemoLog.toFile(work.resolve("demo"));
    try {
      LOG.info("all jobs started");
      LOG.warn("a batch took 3 s");
      LOG.error("a job failed");

      assertThat(log.path()).isEqualTo(work.resolve("demo/demo.log").toAbsolutePath());
      assertThat(Files.readAllLines(log.path()))
          .satisfiesExactly(
              line ->
                  assertThat(line).contains(" INFO ").endsWith("DemoLogTest - all jobs started"),
              line ->
                  assertThat(line).contains(" WARN ").endsWith("DemoLogTest - a batch took 3 s"),
              line -> assertThat(line).contains(" ERROR ").endsWith("DemoLogTest - a job failed"));
      assertThat(console.messages).isEmpty();
      assertThat(log.warnings()).isEqualTo(1);
      assertThat(log.errors()).isEqualTo(1);
    } finally {
      log.close();
    }

    LOG.warn("the demo stopped");

    assertThat(console.messages).containsExactly("the demo stopped");
    assertThat(Files.readString(log.path())).doesNotContain("the demo stopped");
    assertThat(log.warnings()).isEqualTo(1);
  }

  /** What this test class logged to the console appender. */
  private static final class Seen extends AbstractFilter {
    final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public Result filter(LogEvent event) {
      if (event.getLoggerName().equals(DemoLogTest.class.getName())) {
        messages.add(event.getMessage().getFormattedMessage());
      }
      return Result.NEUTRAL;
    }
  }
}
