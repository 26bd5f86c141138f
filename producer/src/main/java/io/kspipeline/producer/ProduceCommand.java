package io.kspipeline.producer;

import picocli.CommandLine.Command;

/** {@code produce}: the producer apps. */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = "Publish input data to the pipeline's Kafka topics.",
    subcommands = {
      ProduceAccessLogsCommand.class,
      ProduceTweetsCommand.class,
      ProduceWebActionsCommand.class
    })
public final class ProduceCommand {}
