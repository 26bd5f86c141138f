package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.JobCheckpoint;
import io.kspipeline.jobs.common.StreamingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint other code wrote fails with the way out, and --discard-checkpoint takes it; a graph
 * that cannot be built fails with its own error.
 */
class StreamingContextsTest {
  /** The options of the graphs here: a queue stream, no Kafka. */
  private static final CheckpointOptions QUEUE =
      CheckpointOptions.of("queue", Api.DSTREAM, 1, null);

  @TempDir Path work;

  @Test
  void shouldExplainAnUnreadableCheckpointAndStartFreshWhenAskedTo() throws Exception {
    SparkTestSession.get();
    Path checkpoint = work.resolve("checkpoint");
    Files.createDirectories(checkpoint);
    // What a checkpoint of another build of the job looks like to this one: the same options,
    // recorded, but a file it cannot deserialize.
    Files.write(checkpoint.resolve("checkpoint-1000"), new byte[] {1, 2, 3, 4});
    Files.writeString(
        checkpoint.resolve(JobCheckpoint.OPTIONS_FILE), QUEUE.toJson(java.time.Instant.now()));
    SparkConf conf = new SparkConf();
    AtomicInteger built = new AtomicInteger();
    StreamingContexts.Graph graph =
        (ssc, start) -> {
          built.incrementAndGet();
          ssc.queueStream(new java.util.LinkedList<org.apache.spark.api.java.JavaRDD<String>>());
        };

    assertThatThrownBy(
            () ->
                StreamingContexts.getOrCreate(
                    checkpoint.toString(),
                    conf,
                    DStreamOptions.of(Duration.ofSeconds(1)),
                    QUEUE,
                    graph))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot restore the DStream checkpoint at " + checkpoint)
        .hasMessageContaining("--discard-checkpoint");
    assertThat(built).hasValue(0);

    DStreamOptions discard = new DStreamOptions();
    PipelineCommandLine.create(discard).parseArgs("--batch", "1s", "--discard-checkpoint");
    JavaStreamingContext ssc =
        StreamingContexts.getOrCreate(checkpoint.toString(), conf, discard, QUEUE, graph);
    assertThat(built).hasValue(1);
    ssc.stop(false, false);
    try (Stream<Path> siblings = Files.list(work)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("checkpoint.discarded-"));
    }
    assertThat(
            StreamingContexts.conf("x", StreamingOptions.of(null, "1s"), discard)
                .get("spark.streaming.stopGracefullyOnShutdown"))
        .isEqualTo("true");
  }

  @Test
  void shouldFailWithTheGraphsOwnErrorWhenThereIsNoCheckpoint() {
    SparkTestSession.get();
    StreamingContexts.Graph graph =
        (ssc, start) -> {
          throw new IllegalArgumentException("--input dir:nowhere: no such directory");
        };

    assertThatThrownBy(
            () ->
                StreamingContexts.getOrCreate(
                    work.resolve("fresh").toString(),
                    new SparkConf(),
                    DStreamOptions.of(Duration.ofSeconds(1)),
                    QUEUE,
                    graph))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--input dir:nowhere: no such directory");
  }
}
