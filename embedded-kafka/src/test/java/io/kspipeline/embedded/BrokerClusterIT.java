package io.kspipeline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three KRaft nodes, each its own JVM: the leader of a partition is SIGKILLed and restarted twice
 * while an idempotent acks=all producer keeps sending; every acknowledged record must be read back
 * exactly once.
 */
class BrokerClusterIT {
  private static final String TOPIC = "failover";
  private static final int KILLS = 2;

  @TempDir Path dir;

  @Test
  void shouldKeepEveryAcknowledgedRecordExactlyOnceThroughTwoLeaderKills() throws Exception {
    long started = System.nanoTime();
    try (BrokerCluster cluster = BrokerCluster.start(dir, 3, 1)) {
      report("cluster up", started);
      Map<String, Object> client = Clients.listener(cluster.bootstrapServers(), Map.of());
      try (Admin admin = Clients.admin(client)) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3))).all().get();
      }
      Set<String> acked = ConcurrentHashMap.newKeySet();
      AtomicReference<Exception> failure = new AtomicReference<>();
      AtomicBoolean producing = new AtomicBoolean(true);
      Thread producer = new Thread(() -> produce(client, producing, acked, failure), "producer");
      producer.start();

      int ackedBeforeKills = awaitMoreAcked(acked, 0);
      int lastAcked = ackedBeforeKills;
      for (int kill = 0; kill < KILLS; kill++) {
        int leader = cluster.leaderOf(TOPIC, 0);
        long killed = System.nanoTime();
        cluster.kill(leader);
        int afterKill = awaitMoreAcked(acked, acked.size());
        report("kill " + (kill + 1) + ": acknowledged again", killed);
        assertThat(cluster.leaderOf(TOPIC, 0)).as("a new leader").isNotEqualTo(leader);
        cluster.restart(leader, List.of(TOPIC));
        report("kill " + (kill + 1) + ": node " + leader + " back in sync", killed);
        assertThat(isrSettled(client)).as("the restarted node is in sync again").hasSize(3);
        assertThat(afterKill).as("acknowledged while the node was down").isGreaterThan(lastAcked);
        lastAcked = awaitMoreAcked(acked, acked.size());
      }
      producing.set(false);
      producer.join();
      report(acked.size() + " records acknowledged", started);

      assertThat(failure.get()).as("a send failed").isNull();
      assertThat(acked.size()).isGreaterThan(ackedBeforeKills);
      Map<String, Long> read =
          Clients.readAll(client, TOPIC).stream()
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(read.keySet()).as("every acknowledged record").containsAll(acked);
      assertThat(read.entrySet())
          .as("no record twice")
          .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(1L));
      try (Admin admin = Clients.admin(client)) {
        assertClusterDefaults(admin);
      }
      started = System.nanoTime();
    }
    report("cluster closed", started);
  }

  /** The figures, in the test report. */
  private static void report(String what, long since) {
    System.out.printf(
        "BrokerClusterIT: %s after %d ms%n", what, (System.nanoTime() - since) / 1_000_000);
  }

  private static void assertClusterDefaults(Admin admin) throws Exception {
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
    Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
    assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
    assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
  }

  /**
   * The in-sync replicas, given up to 15 s to be complete: the cluster's metadata as a client sees
   * it after the restart, not one node's view of one moment.
   */
  private static List<Integer> isrSettled(Map<String, Object> client) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<Integer> isr = isr(client);
    while (isr.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(1_000); // polling the topic's metadata
      isr = isr(client);
    }
    return isr;
  }

  private static List<Integer> isr(Map<String, Object> client) throws Exception {
    try (Admin admin = Clients.admin(client)) {
      TopicDescription description =
          admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
      return description.partitions().get(0).isr().stream().map(n -> n.id()).toList();
    }
  }

  /** Sends numbered records until told to stop, a few in flight at a time. */
  private static void produce(
      Map<String, Object> client,
      AtomicBoolean producing,
      Set<String> acked,
      AtomicReference<Exception> failure) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; producing.get(); i++) {
        String value = "record-" + i;
        producer.send(
            new ProducerRecord<>(TOPIC, value),
            (metadata, error) -> {
              if (error == null) {
                acked.add(value);
              } else {
                failure.compareAndSet(null, error);
              }
            });
        Thread.sleep(2); // about 500 records a second: a steady stream, not a flood
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Waits until more than {@code than} records are acknowledged; returns the count then. */
  private static int awaitMoreAcked(Set<String> acked, int than) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (acked.size() <= than + 50) {
      assertThat(System.nanoTime()).as("acknowledgements stalled at " + than).isLessThan(deadline);
      Thread.sleep(50);
    }
    return acked.size();
  }
}
