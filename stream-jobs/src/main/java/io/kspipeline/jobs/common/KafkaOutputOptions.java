package io.kspipeline.jobs.common;

import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.common.exactlyonce.TransactionalKafkaWriter;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How a job writes its results to Kafka (a picocli mixin): exactly once, in transactions with a
 * marker of each batch ({@link TransactionalKafkaWriter}), or at least once, as plain sends.
 */
public final class KafkaOutputOptions {
  /** Writers per output topic unless --kafka-writers says otherwise. */
  public static final int DEFAULT_WRITERS = 4;

  static final String WRITERS_OPTION = "--kafka-writers";
  static final String OUTPUT_OPTION = "--kafka-output";

  /** The delivery of the results to Kafka. */
  public enum Delivery {
    EXACTLY_ONCE("exactly-once"),
    AT_LEAST_ONCE("at-least-once");

    private final String text;

    Delivery(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  @Option(
      names = OUTPUT_OPTION,
      paramLabel = "MODE",
      converter = DeliveryConverter.class,
      description =
          "exactly-once (default): results written in Kafka transactions with a marker of each"
              + " batch, so a batch replayed after a crash is not written again (consumers read"
              + " with isolation.level=read_committed); at-least-once: plain sends, for brokers"
              + " without transactions or where the cost matters.")
  Delivery delivery = Delivery.EXACTLY_ONCE;

  @Option(
      names = WRITERS_OPTION,
      paramLabel = "N",
      description =
          "Exactly-once writers per output topic: parallel transactions, each a partition of"
              + " <topic>-commits (default: ${DEFAULT-VALUE}).")
  int writers = DEFAULT_WRITERS;

  public Delivery delivery() {
    return delivery;
  }

  public boolean exactlyOnce() {
    return delivery == Delivery.EXACTLY_ONCE;
  }

  public int writers() {
    return writers;
  }

  /** The writer of a topic's results; null when at-least-once. */
  public TransactionalKafkaWriter writerFor(
      Map<String, String> clientProperties, String job, String topic) {
    if (writers < 1) {
      throw new IllegalArgumentException(WRITERS_OPTION + " must be at least 1, not " + writers);
    }
    return exactlyOnce()
        ? new TransactionalKafkaWriter(clientProperties, job, topic, writers)
        : null;
  }

  /**
   * Records the writers in a checkpoint's options: a replayed batch must reach the writers that
   * wrote it, so a restart with another count is refused. A checkpoint of a version before them
   * counts as the default (its last batch, had it no marker, is written once more).
   */
  public CheckpointOptions recordIn(CheckpointOptions options) {
    return options.withAssumed(WRITERS_OPTION, writers, DEFAULT_WRITERS);
  }

  /**
   * Records the delivery and the writers in a DStream checkpoint's options: its graph holds both,
   * so a restart must ask for them again. A checkpoint of a version before them holds a graph that
   * writes at least once.
   */
  public CheckpointOptions recordInGraph(CheckpointOptions options) {
    return options
        .withAssumed(OUTPUT_OPTION, delivery, Delivery.AT_LEAST_ONCE)
        .withAssumed(WRITERS_OPTION, writers, DEFAULT_WRITERS);
  }

  /** Accepts the modes as typed, exactly-once and at-least-once. */
  static final class DeliveryConverter implements ITypeConverter<Delivery> {
    @Override
    public Delivery convert(String value) {
      for (Delivery d : Delivery.values()) {
        if (d.text.equals(value)) {
          return d;
        }
      }
      throw new TypeConversionException(
          "expected exactly-once or at-least-once, not '" + value + "'");
    }
  }
}
