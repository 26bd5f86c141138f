package io.kspipeline.jobs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.dstream.ErrorLinesCommand;
import io.kspipeline.jobs.dstream.ManualBatches;
import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs restarted on their checkpoint with an option the checkpoint depends on changed refuse to
 * start, naming the change and the reset command: a Structured job's window, a DStream job's
 * window, and the socket of error-lines (which, restored from its checkpoint, used to connect to
 * the old address for ever). No broker: the inputs are files and a socket, and the Kafka and
 * registry addresses point where nothing answers.
 */
class RestartWithOtherOptionsTest {
  private static final String NO_BROKER = "127.0.0.1:1";
  private static final String NO_REGISTRY = "http://127.0.0.1:1";

  @TempDir Path work;

  private static <T> T parsed(T command, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap", NO_BROKER, "--registry", NO_REGISTRY));
    PipelineCommandLine.create(command).parseArgs(all.toArray(new String[0]));
    return command;
  }

  private TopUrlsCommand topUrls(Path logs, Path checkpoint, String window) {
    return parsed(
        new TopUrlsCommand(),
        "--input",
        "dir:" + logs,
        "--trigger",
        "available-now",
        "--checkpoint",
        checkpoint.toString(),
        "--window",
        window,
        "--slide",
        "10s");
  }

  @Test
  void shouldRefuseToRestartAStructuredJobWithAnotherWindow() throws Exception {
    Path logs = Files.createDirectories(work.resolve("logs"));
    Files.write(
        logs.resolve("access.log"),
        List.of(
            "10.1.2.3 - - [26/Dec/2016:14:16:29 +0000] \"GET /a HTTP/1.1\" 200 512 \"-\" \"c\""));
    Path checkpoint = work.resolve("top-urls");
    SparkSession spark = SparkTestSession.get();
    QueryRunner.awaitAll(spark, topUrls(logs, checkpoint, "30s").start(spark));
    // The same options again: it runs.
    QueryRunner.awaitAll(spark, topUrls(logs, checkpoint, "30s").start(spark));

    TopUrlsCommand longer = topUrls(logs, checkpoint, "60s");
    assertThatThrownBy(() -> longer.start(spark))
        .isInstanceOf(JobCheckpoint.Mismatch.class)
        .hasMessage(
            "checkpoint "
                + checkpoint
                + " was started with other options than this run's, and top-urls would mix them"
                + " into its state and offsets: --window: the checkpoint has 30s, this run asks for"
                + " 1m. Run with the checkpoint's options, or start afresh (state and windows"
                + " start over): bin/pipeline checkpoint reset --job top-urls --checkpoint "
                + checkpoint
                + " --to earliest");
    assertThat(spark.streams().active()).isEmpty();
  }

  @Test
  void shouldRefuseToRestartADStreamJobWithAnotherWindow() throws Exception {
    Path tweets = Files.createDirectories(work.resolve("tweets"));
    Path checkpoint = work.resolve("popular-hashtags");
    try (ManualBatches batches =
        new ManualBatches(popularHashtags(tweets, checkpoint, "3s")::context)) {
      batches.advance(1000);
    }

    PopularHashtagsCommand longer = popularHashtags(tweets, checkpoint, "4s");
    assertThatThrownBy(longer::context)
        .isInstanceOf(JobCheckpoint.Mismatch.class)
        .hasMessage(
            "checkpoint "
                + checkpoint
                + " was started with other options than this run's, and popular-hashtags would"
                + " run with the checkpoint's (a DStream checkpoint holds its graph): --window:"
                + " the checkpoint has 3s, this run asks for 4s. Run with the checkpoint's"
                + " options, or start afresh (state and windows start over): bin/pipeline"
                + " checkpoint reset --job popular-hashtags --checkpoint "
                + checkpoint
                + " --to earliest");
  }

  private static PopularHashtagsCommand popularHashtags(
      Path tweets, Path checkpoint, String window) {
    return parsed(
        new PopularHashtagsCommand(),
        "--input",
        "dir:" + tweets,
        "--checkpoint",
        checkpoint.toString(),
        "--batch",
        "1s",
        "--window",
        window,
        "--slide",
        "1s");
  }

  /**
   * The reported symptom: after a run on port A, {@code job error-lines --socket B --console}
   * connected to A for ever.
   */
  @Test
  void shouldRefuseToRestartErrorLinesOnAnotherSocket() throws Exception {
    Path checkpoint = work.resolve("error-lines");
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String portA = "127.0.0.1:" + a.getLocalPort();
      String portB = "127.0.0.1:" + b.getLocalPort();
      try (ManualBatches batches = new ManualBatches(errorLines(checkpoint, portA)::context)) {
        batches.advance(1000);
      }

      ErrorLinesCommand other = errorLines(checkpoint, portB);
      assertThatThrownBy(other::context)
          .isInstanceOf(JobCheckpoint.Mismatch.class)
          .hasMessage(
              "checkpoint "
                  + checkpoint
                  + " was started with other options than this run's, and error-lines would run"
                  + " with the checkpoint's (a DStream checkpoint holds its graph): --socket: the"
                  + " checkpoint has "
                  + portA
                  + ", this run asks for "
                  + portB
                  + ". Run with the checkpoint's options, or start afresh (state and windows start"
                  + " over): bin/pipeline checkpoint reset --job error-lines --checkpoint "
                  + checkpoint
                  + " --to earliest");
    }
  }

  private static ErrorLinesCommand errorLines(Path checkpoint, String socket) {
    return parsed(
        new ErrorLinesCommand(),
        "--socket",
        socket,
        "--console",
        "--checkpoint",
        checkpoint.toString(),
        "--batch",
        "1s");
  }
}
