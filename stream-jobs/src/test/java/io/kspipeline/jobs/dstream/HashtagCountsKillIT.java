package io.kspipeline.jobs.dstream;

import static io.kspipeline.jobs.TweetRecords.tweet;
import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.hashtags.HashtagKeys;
import io.kspipeline.jobs.JobProcess;
import io.kspipeline.jobs.TweetRecords;
import io.kspipeline.testsupport.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * hashtag-counts survives a crash: the job runs in its own JVM on the real clock, is SIGKILLed
 * while it works through a backlog, is restarted from its checkpoint while more tweets arrive, and
 * the table ends equal to the counts computed here from what was produced — nothing lost, nothing
 * counted twice. Once with the checkpoint on the local disk, once on HDFS (a MiniDFSCluster in this
 * JVM), where the driver keeps the state files its checkpoint names through a wrapper of Hadoop's
 * own file system.
 */
class HashtagCountsKillIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String INPUT = "kill-tweets";
  private static final Duration DEADLINE = Duration.ofMinutes(4);
  private static final String[] TAGS = {
    "Spark", "spark", "Kafka", "KAFKA", "Ｋａｆｋａ", "flink", "Beam", "storm", "avro", "jvm", "sql",
    "k8s"
  };

  @TempDir Path work;

  @Test
  void shouldEndWithExactTotalsAfterASigkillAndARestart() throws Exception {
    run("local", work.resolve("checkpoint").toString());
  }

  @Test
  void shouldRestoreACheckpointOnHdfsAfterASigkill() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("hdfs").toString());
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      hdfs.waitActive();
      String checkpoint = hdfs.getURI() + "/checkpoints/hashtag-counts";
      List<String> logs = run("hdfs", checkpoint);
      for (String log : logs) {
        assertThat(log)
            .as("the driver guards the checkpoint's state files on HDFS")
            .contains("the checkpoint's state files on " + hdfs.getURI());
      }
      assertThat(
              hdfs.getFileSystem()
                  .globStatus(new org.apache.hadoop.fs.Path(checkpoint + "/checkpoint-*")))
          .as("the streaming checkpoint's metadata files on HDFS")
          .isNotEmpty();
    } finally {
      hdfs.shutdown();
    }
  }

  /** Runs the kill and the restart; the two job logs. */
  private List<String> run(String name, String checkpoint) throws Exception {
    String input = INPUT + "-" + name;
    KAFKA.harness().createTopic(input, 2);
    KAFKA.harness().createTopic(input + "-totals", 1);
    KAFKA.harness().createTopic(input + "-dlq", 1);
    String registry = work.resolve("registry").toUri().toString();
    // The database outlives the job's JVM and is shared with this one: an H2 server here.
    Server h2 =
        Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", work.toString());
    h2.start();
    try {
      String database = "jdbc:h2:tcp://localhost:" + h2.getPort() + "/results-" + name;
      return run(input, registry, database, checkpoint);
    } finally {
      h2.stop();
    }
  }

  private List<String> run(String input, String registry, String database, String checkpoint)
      throws Exception {
    Map<String, Long> truth = new TreeMap<>();
    Random random = new Random(42);
    produce(input, registry, 3000, random, truth);

    List<String> args =
        List.of(
            HashtagCountsJob.NAME,
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--registry",
            registry,
            "--input-topic",
            input,
            "--output-topic",
            input + "-totals",
            "--checkpoint",
            checkpoint,
            "--jdbc-url",
            database,
            "--batch",
            "1s",
            "--max-rate-per-partition",
            "250",
            "--master",
            "local[2]",
            "--spark-conf",
            "spark.ui.enabled=false");
    long backlog = sum(truth);
    try (JobProcess job = JobProcess.start(work.resolve("job-1.log"), args)) {
      eventually(
          () -> "the job counting part of the backlog:\n" + job.logTail(),
          DEADLINE,
          () -> sum(totals(job, database)) > 0);
      job.kill();
    }
    // Measured after the kill, in the unit the table counts: what the dead job had committed.
    assertThat(sum(totals(database)))
        .as("hashtags counted when killed, of the backlog's %d", backlog)
        .isBetween(1L, backlog - 1);

    produce(input, registry, 1000, random, truth); // arrives while the job is down
    try (JobProcess job = JobProcess.start(work.resolve("job-2.log"), args)) {
      // Stops waiting as soon as a count passes the truth: counted twice, it never comes back.
      eventually(
          () -> "totals equal to what was produced:\n" + job.logTail(),
          DEADLINE,
          () -> {
            Map<String, Long> totals = totals(job, database);
            return totals.equals(truth)
                || totals.entrySet().stream()
                    .anyMatch(t -> t.getValue() > truth.getOrDefault(t.getKey(), 0L));
          });
      assertThat(totals(database)).as("totals after restart:\n%s", job.logTail()).isEqualTo(truth);
    }
    return List.of(
        Files.readString(work.resolve("job-1.log")), Files.readString(work.resolve("job-2.log")));
  }

  private static void produce(
      String input, String registry, int tweets, Random random, Map<String, Long> truth)
      throws Exception {
    List<Object> batch = new ArrayList<>();
    for (int i = 0; i < tweets; i++) {
      String[] tags = new String[random.nextInt(4)];
      for (int t = 0; t < tags.length; t++) {
        tags[t] = TAGS[random.nextInt(TAGS.length)];
        truth.merge(HashtagKeys.key(tags[t]), 1L, Long::sum);
      }
      batch.add(tweet(i, tags));
    }
    TweetRecords.send(KAFKA.bootstrapServers(), registry, input, batch.toArray());
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The table while the job runs; fails at once if the job has died. */
  private static Map<String, Long> totals(JobProcess job, String database) {
    assertThat(job.isAlive()).as("job alive:\n%s", job.logTail()).isTrue();
    return totals(database);
  }

  private static Map<String, Long> totals(String database) {
    Map<String, Long> totals = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(database);
        Statement s = c.createStatement()) {
      if (!c.getMetaData().getTables(null, null, "HASHTAG_COUNTS", null).next()) {
        return totals;
      }
      try (ResultSet rs = s.executeQuery("SELECT hashtag, hits FROM hashtag_counts")) {
        while (rs.next()) {
          totals.put(rs.getString(1), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot read hashtag_counts", e);
    }
    return totals;
  }
}
