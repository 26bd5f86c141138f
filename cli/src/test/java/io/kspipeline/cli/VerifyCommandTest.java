package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.catalog.JobCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options verify rejects before it starts anything. */
class VerifyCommandTest {
  private final StringBuilder out = new StringBuilder();

  private int run(String... args) {
    PipelineRun run = PipelineRun.of(args);
    out.append(run.printed());
    return run.exit();
  }

  @Test
  void shouldNameTheJobsItKnows() {
    assertThat(run("verify", "--job", "word-count", "--kills", "1")).isEqualTo(2);
    assertThat(out.toString())
        .contains("status-counts", "error-lines", "hashtag-counts (or all), not word-count");
  }

  @Test
  void shouldPutEachRunsCheckpointInItsWorkDirOrUnderTheCheckpointRoot() {
    java.nio.file.Path run = java.nio.file.Path.of("/data/verify/top-urls-123");
    VerifyCommand inWorkDir =
        PipelineCommandLine.parse(new VerifyCommand(), List.of("--job", "top-urls"));
    VerifyCommand onHdfs =
        PipelineCommandLine.parse(
            new VerifyCommand(),
            List.of("--job", "top-urls", "--checkpoint-root", "hdfs://nn:8020/tmp/verify/"));

    assertThat(inWorkDir.checkpoint(run)).isEqualTo("/data/verify/top-urls-123/checkpoint");
    assertThat(onHdfs.checkpoint(run))
        .isEqualTo("hdfs://nn:8020/tmp/verify/top-urls-123/checkpoint");
  }

  @Test
  void shouldRefuseToBounceAnExternalBroker() {
    int exit =
        run("verify", "--job", "status-counts", "--bounce-broker", "1", "--bootstrap", "k:9092");
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).contains("--bounce-broker needs the embedded broker");
  }

  @Test
  void shouldRefuseAKafkaConfigForTheEmbeddedBroker() {
    int exit = run("verify", "--job", "status-counts", "--kafka-config", "client.properties");
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).contains("--kafka-config is for a cluster given with --bootstrap");
  }

  @Test
  void shouldRefuseAClusterTooSmallForThreeReplicas() {
    assertThat(run("verify", "--job", "status-counts", "--brokers", "2")).isEqualTo(2);
    assertThat(out.toString()).contains("--brokers must be 1, or 3 or more");
    assertThat(run("verify", "--job", "status-counts", "--brokers", "0")).isEqualTo(2);
  }

  @Test
  void shouldRefuseAnEmbeddedClusterBesideAnExternalOne() {
    int exit = run("verify", "--job", "status-counts", "--brokers", "3", "--bootstrap", "k:9092");
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).contains("--brokers starts an embedded cluster");
  }

  @Test
  void shouldRefuseARegistryOutageWithNoKillToLandInIt() {
    int exit = run("verify", "--job", "status-counts", "--kills", "0", "--registry-outage", "10s");
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString())
        .contains("--registry-outage SIGKILLs the job inside the outage")
        .contains("--kills 1 --registry-outage 10s");
  }

  @Test
  void shouldRefuseOutagesInASoak() {
    int exit = run("verify", "--job", "all", "--soak", "1m", "--registry-outage", "10s");
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).contains("--soak runs the demo without kills or outages");
  }

  @Test
  void shouldRefuseADatabaseServerInASoak() {
    int exit =
        run("verify", "--job", "all", "--soak", "1m", "--jdbc-url", "jdbc:postgresql://db/t");
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString())
        .contains("--soak runs the demo on its own H2")
        .contains("--job status-counts --kills 1 --jdbc-url jdbc:postgresql://db/t");
  }

  @Test
  void shouldRefuseADatabaseServerForAJobWithoutATable() {
    int exit = run("verify", "--job", "error-lines", "--jdbc-url", "jdbc:postgresql://db/t");
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString())
        .contains("--jdbc-url is for a job that writes a table: status-counts");
  }

  @Test
  void shouldRefuseADatabaseUrlThatIsNoServer() {
    int exit = run("verify", "--job", "status-counts", "--jdbc-url", "jdbc:h2:mem:test");
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).contains("--jdbc-url takes a database server's URL");
  }

  @Test
  void shouldDescribeTheLastLineInHelp() {
    assertThat(run("verify", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--kills",
            "--brokers",
            "--bounce-broker",
            "--bootstrap",
            "topic_raw_duplicates=<R>",
            "--brokers 3 --kills 0 --bounce-broker 2");
    // The jobs --job takes come from the catalog.
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("one of " + String.join(", ", JobCatalog.names()) + "; or all.")
        .contains("verify: all jobs=<n> failed=<names or none>");
  }
}
