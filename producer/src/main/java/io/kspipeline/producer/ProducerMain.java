package io.kspipeline.producer;

import io.kspipeline.core.config.PipelineCommandLine;

/** Main class of the producer jar: {@code java -jar producer.jar access-logs --file F ...}. */
public final class ProducerMain {
  private ProducerMain() {}

  public static void main(String[] args) {
    System.exit(PipelineCommandLine.run(new ProduceCommand(), args));
  }
}
