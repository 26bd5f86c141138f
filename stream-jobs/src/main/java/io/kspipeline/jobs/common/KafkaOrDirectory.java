package io.kspipeline.jobs.common;

/**
 * What a job's {@code --input kafka|dir:PATH} chose: its input topic, or the files appearing in a
 * directory (the seed's file examples, which need no broker).
 *
 * @param directory the directory, or null for Kafka
 */
public record KafkaOrDirectory(String directory) {
  /** The option's parameter label, the same for every job that takes it. */
  public static final String LABEL = "kafka|dir:PATH";

  private static final String DIR_PREFIX = "dir:";

  /** Parses {@code kafka} (any case) or {@code dir:PATH}. */
  public static KafkaOrDirectory parse(String input) {
    if (input.startsWith(DIR_PREFIX) && input.length() > DIR_PREFIX.length()) {
      return new KafkaOrDirectory(input.substring(DIR_PREFIX.length()));
    }
    if (!input.equalsIgnoreCase("kafka")) {
      throw new IllegalArgumentException("--input takes kafka or dir:PATH, not '" + input + "'");
    }
    return new KafkaOrDirectory(null);
  }

  public boolean readsKafka() {
    return directory == null;
  }
}
