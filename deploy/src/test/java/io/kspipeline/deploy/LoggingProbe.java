package io.kspipeline.deploy;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs as a job's driver does, for SparkJsonLoggingIT: starts Spark (whose own logging setup runs
 * then), logs through SLF4J like the pipeline's classes, and stops. Run on a plain Spark class
 * path.
 */
public final class LoggingProbe {
  static final String LOGGER = "io.kspipeline.probe";

  private LoggingProbe() {}

  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("logging-probe")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    try {
      Logger log = LoggerFactory.getLogger(LOGGER);
      log.debug("below the configured level");
      log.info("batch query=probe rows=3");
      log.warn("dead letter", new IllegalStateException("unparsable line"));
    } finally {
      spark.stop();
    }
  }
}
