package io.kspipeline.cli;

import io.kspipeline.embedded.BrokerCluster;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Broker failover while a job runs: B times, SIGKILL the node leading partition 0 of the input
 * topic (every other time: of the output topic), produce more events while it is down, wait for
 * their acknowledgements (acks=all from the two surviving replicas) and for the job to count more,
 * then restart the node and wait until it is back in every partition's in-sync replicas.
 */
final class LeaderBounces implements JobCrashLoop.Disruption {
  private static final Duration LEADER_MOVE_TIMEOUT = Duration.ofSeconds(60);

  private final BrokerCluster cluster;
  private final VerifySetup setup;
  private final AckedProducer producer;
  private final List<List<VerifyEvents.Event>> parts;
  private final PrintWriter out;

  /**
   * @param parts one part of the events per bounce, each sent while its node is down
   */
  LeaderBounces(
      BrokerCluster cluster,
      VerifySetup setup,
      AckedProducer producer,
      List<List<VerifyEvents.Event>> parts,
      PrintWriter out) {
    this.cluster = cluster;
    this.setup = setup;
    this.producer = producer;
    this.parts = parts;
    this.out = out;
  }

  /** {@code events} in {@code bounces + 1} parts: the first for before the kills. */
  static List<List<VerifyEvents.Event>> split(List<VerifyEvents.Event> events, int bounces) {
    int n = bounces + 1;
    return IntStream.range(0, n)
        .mapToObj(i -> events.subList(i * events.size() / n, (i + 1) * events.size() / n))
        .toList();
  }

  @Override
  public void during(JobCrashLoop.RunProgress progress) throws Exception {
    List<String> topics =
        List.of(
            setup.inputTopic(), setup.outputTopic(), setup.deadLetterTopic(), setup.lateTopic());
    for (int b = 0; b < parts.size(); b++) {
      String topic = b % 2 == 0 ? setup.inputTopic() : setup.outputTopic();
      int leader = cluster.leaderOf(topic, 0);
      long started = System.nanoTime();
      cluster.kill(leader);
      long counted = progress.counted();
      int ackedBefore = producer.ackedCount();
      producer.send(parts.get(b));
      producer.flush();
      long acked = millisSince(started);
      int newLeader = leaderAfter(topic, leader);
      progress.awaitBeyond(counted);
      long jobCounted = millisSince(started);
      cluster.restart(leader, topics);
      say(
          "broker bounce %d: SIGKILL of node %d (leader of %s-0, now node %d); %d events"
              + " acknowledged %d ms after the kill, the job counted on at %d ms; node back in"
              + " sync at %d ms",
          b + 1,
          leader,
          topic,
          newLeader,
          producer.ackedCount() - ackedBefore,
          acked,
          jobCounted,
          millisSince(started));
    }
  }

  /**
   * The partition's leader once it is not the killed node: until the controller fences that node
   * (the broker session timeout), the metadata of a partition nobody wrote to still names it.
   */
  private int leaderAfter(String topic, int killed) throws InterruptedException {
    long deadline = System.nanoTime() + LEADER_MOVE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      int leader = killed;
      try {
        leader = cluster.leaderOf(topic, 0);
      } catch (IllegalStateException electing) {
        // No leader for a moment while the controller elects one.
      }
      if (leader != killed) {
        return leader;
      }
      TimeUnit.MILLISECONDS.sleep(200); // polling the cluster's metadata
    }
    throw new IllegalStateException(
        topic
            + "-0 still led by the killed node "
            + killed
            + " after "
            + LEADER_MOVE_TIMEOUT.toSeconds()
            + " s: the cluster elected no new leader");
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private void say(String format, Object... args) {
    out.println("verify: " + String.format(format, args));
    out.flush();
  }
}
