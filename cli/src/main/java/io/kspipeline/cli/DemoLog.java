package io.kspipeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * While the demo's live view owns the terminal, log lines written to it would land between (and be
 * wiped by) the redrawn tables. {@link #toFile} moves every console appender's output to {@code
 * <work-dir>/demo.log} — same loggers, same levels — and counts the warnings and errors written
 * there, for the view's header; {@link #close} puts the console back.
 *
 * <p>Changes the running log4j2 configuration in place instead of loading another one, so levels
 * set in log4j2.properties (or by Spark) stay as they are.
 */
public final class DemoLog implements AutoCloseable {
  static final String FILE_NAME = "demo.log";
  private static final String APPENDER = "demo-log-file";
  // Unlike the console's: a date and the thread, for reading the file after the fact.
  private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n";

  /** A console appender taken off a logger, and how it was attached there. */
  private record Detached(LoggerConfig logger, Appender console, Level level, Filter filter) {}

  private final LoggerContext context;
  private final Configuration config;
  private final Path path;
  private final FileAppender file;
  private final LevelCounter counter;
  private final List<LoggerConfig> attached;
  private final List<Detached> detached;
  private boolean closed;

  private DemoLog(
      LoggerContext context,
      Configuration config,
      Path path,
      FileAppender file,
      LevelCounter counter,
      List<LoggerConfig> attached,
      List<Detached> detached) {
    this.context = context;
    this.config = config;
    this.path = path;
    this.file = file;
    this.counter = counter;
    this.attached = attached;
    this.detached = detached;
  }

  /** From now on, log to {@code <workDir>/demo.log} (started afresh) instead of the console. */
  public static DemoLog toFile(Path workDir) throws IOException {
    Files.createDirectories(workDir);
    Path path = workDir.resolve(FILE_NAME).toAbsolutePath();
    LoggerContext context = LoggerContext.getContext(false);
    Configuration config = context.getConfiguration();
    LevelCounter counter = new LevelCounter();
    FileAppender file =
        FileAppender.newBuilder()
            .setName(APPENDER)
            .withFileName(path.toString())
            // This run's log only, so that the file and the counts in the view agree.
            .withAppend(false)
            .setLayout(
                PatternLayout.newBuilder().withConfiguration(config).withPattern(PATTERN).build())
            .setFilter(counter)
            .setConfiguration(config)
            .build();
    file.start();
    config.addAppender(file);

    List<LoggerConfig> attached = new ArrayList<>();
    List<Detached> detached = new ArrayList<>();
    for (LoggerConfig logger : loggers(config)) {
      List<Appender> consoles =
          logger.getAppenders().values().stream()
              .filter(ConsoleAppender.class::isInstance)
              .toList();
      if (consoles.isEmpty()) {
        continue;
      }
      // The file first, then off the console: an event may be written twice, but none is lost.
      logger.addAppender(file, null, null);
      attached.add(logger);
      for (Appender console : consoles) {
        AppenderRef ref = ref(logger, console.getName());
        detached.add(
            new Detached(
                logger,
                console,
                ref == null ? null : ref.getLevel(),
                ref == null ? null : ref.getFilter()));
        logger.removeAppender(console.getName());
      }
    }
    if (attached.isEmpty()) {
      // Nothing logged to the console; still keep a log for the view to point at.
      config.getRootLogger().addAppender(file, null, null);
      attached.add(config.getRootLogger());
    }
    context.updateLoggers();
    return new DemoLog(context, config, path, file, counter, attached, detached);
  }

  public Path path() {
    return path;
  }

  /** WARN events logged since {@link #toFile}. */
  public long warnings() {
    return counter.warnings();
  }

  /** ERROR and FATAL events logged since {@link #toFile}. */
  public long errors() {
    return counter.errors();
  }

  /** Logs to the console again, as before {@link #toFile}. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // A reconfiguration since (a reload of log4j2.properties) already dropped our changes.
    if (context.getConfiguration() == config) {
      for (Detached d : detached) {
        if (d.filter() != null && d.filter().isStopped()) {
          d.filter().start(); // removeAppender stopped it
        }
        d.logger().addAppender(d.console(), d.level(), d.filter());
      }
      for (LoggerConfig logger : attached) {
        logger.removeAppender(APPENDER);
      }
      if (config instanceof AbstractConfiguration known) {
        known.removeAppender(APPENDER);
      }
      context.updateLoggers();
    }
    file.stop();
  }

  /** Every logger configuration, the root included, once each. */
  private static Set<LoggerConfig> loggers(Configuration config) {
    Set<LoggerConfig> loggers = Collections.newSetFromMap(new IdentityHashMap<>());
    loggers.add(config.getRootLogger());
    loggers.addAll(config.getLoggers().values());
    return loggers;
  }

  private static AppenderRef ref(LoggerConfig logger, String appender) {
    for (AppenderRef ref : logger.getAppenderRefs()) {
      if (ref.getRef().equals(appender)) {
        return ref;
      }
    }
    return null;
  }
}
