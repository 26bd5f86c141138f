package io.kspipeline.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.testsupport.KafkaExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * A registry or broker that does not answer: the producer says so in one line, naming the address
 * and what to pass instead, and exits non-zero without a stack trace.
 */
class UnreachableServicesIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private record Run(int exit, String out, String err) {}

  private static Run produce(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new ProduceCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** A local port nothing listens on (it was free a moment ago). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void shouldNameTheRegistryAddressAndTheLocalAlternative() throws IOException {
    String registry = "http://127.0.0.1:" + closedPort();

    Run run =
        produce(
            "access-logs",
            "--generate",
            "--count",
            "5",
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--registry",
            registry,
            "--progress",
            "none",
            "-X",
            "schema.registry.retry.backoff.ms=10");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "access-logs: cannot reach the schema registry at "
                + registry
                + " (could not connect): start it, or pass --registry file:///tmp/schemas to keep"
                + " the schemas in a local directory instead"
                + System.lineSeparator());
  }

  @Test
  void shouldNameTheBrokerAddressAndGiveUpAfterMaxBlockMs() throws IOException {
    String bootstrap = "127.0.0.1:" + closedPort();
    long started = System.nanoTime();

    // 20 records: sent one by one, each would wait max.block.ms (30 s in all).
    Run run =
        produce(
            "access-logs",
            "--generate",
            "--count",
            "20",
            "--bootstrap",
            bootstrap,
            "--registry",
            "mock://unreachable-services-it",
            "--progress",
            "none",
            "-X",
            "max.block.ms=1500");

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "access-logs: cannot reach Kafka at "
                + bootstrap
                + " (no connection within 1500ms): start Kafka, or pass --bootstrap host:port of a"
                + " running broker; -X max.block.ms=<ms> sets how long to wait"
                + System.lineSeparator());
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }
}
