package io.kspipeline.jobs.dstream;

import static io.kspipeline.jobs.TweetRecords.tweet;
import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.hashtags.HashtagKeys;
import io.kspipeline.jobs.JobProcess;
import io.kspipeline.jobs.TweetRecords;
import io.kspipeline.testsupport.KafkaExtension;
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
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * hashtag-counts survives a crash: the job runs in its own JVM on the real clock, is SIGKILLed
 * while it works through a backlog, is restarted from its checkpoint while more tweets arrive, and
 * the table ends equal to the counts computed here from what was produced — nothing lost, nothing
 * counted twice.
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
    KAFKA.harness().createTopic(INPUT, 2);
    KAFKA.harness().createTopic(INPUT + "-totals", 1);
    KAFKA.harness().createTopic(INPUT + "-dlq", 1);
    String registry = work.resolve("registry").toUri().toString();
    // The database outlives the job's JVM and is shared with this one: an H2 server here.
    Server h2 =
        Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", work.toString());
    h2.start();
    try {
      run(registry, "jdbc:h2:tcp://localhost:" + h2.getPort() + "/results");
    } finally {
      h2.stop();
    }
  }

  private void run(String registry, String database) throws Exception {
    Map<String, Long> truth = new TreeMap<>();
    Random random = new Random(42);
    produce(registry, 3000, random, truth);

    List<String> args =
        List.of(
            HashtagCountsJob.NAME,
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--registry",
            registry,
            "--input-topic",
            INPUT,
            "--output-topic",
            INPUT + "-totals",
            "--checkpoint",
            work.resolve("checkpoint").toString(),
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

    produce(registry, 1000, random, truth); // arrives while the job is down
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
  }

  private static void produce(String registry, int tweets, Random random, Map<String, Long> truth)
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
    TweetRecords.send(KAFKA.bootstrapServers(), registry, INPUT, batch.toArray());
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
