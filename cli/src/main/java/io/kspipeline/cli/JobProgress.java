package io.kspipeline.cli;

/**
 * How far a job has got, in units that only grow while it works: hits in its table, or records in
 * its output topic for a job without a table.
 */
@FunctionalInterface
interface JobProgress {
  long units() throws Exception;

  /** The job's table when it has one (null when not), else its output topic. */
  static JobProgress of(VerifySetup setup, ResultTable table) {
    if (table != null) {
      return table::total;
    }
    TopicAudit topics = new TopicAudit(setup.kafkaClient());
    return () -> topics.records(setup.outputTopic());
  }
}
