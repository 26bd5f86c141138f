package io.kspipeline.cli;

import java.util.concurrent.atomic.LongAdder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Counts the warnings and errors (FATAL included) an appender is given, and lets every event
 * through. Appenders are called from any thread that logs, hence the adders.
 */
final class LevelCounter extends AbstractFilter {
  private final LongAdder warnings = new LongAdder();
  private final LongAdder errors = new LongAdder();

  @Override
  public Result filter(LogEvent event) {
    Level level = event.getLevel();
    if (level.isMoreSpecificThan(Level.ERROR)) {
      errors.increment();
    } else if (level.isMoreSpecificThan(Level.WARN)) {
      warnings.increment();
    }
    return Result.NEUTRAL;
  }

  long warnings() {
    return warnings.sum();
  }

  long errors() {
    return errors.sum();
  }
}
