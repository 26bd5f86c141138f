package io.kspipeline.cli;

import io.kspipeline.embedded.BrokerCluster;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Broker failover while a job runs: B times, SIGKILL the node leading partition 0 of the input
 * topic (every other time: of the output topic), produce more events while it is down, wait for
 * their acknowledgements (acks=all from the two surviving replicas) and for the job to count more,
 * then restart the node and wait until it is back in every partition's in-sync replicas.
 */
final class LeaderBounces implements JobCrashLoop.Disruption {
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
      int newLeader = cluster.leaderOf(topic, 0);
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

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private void say(String format, Object... args) {
    out.println("verify: " + String.format(format, args));
    out.flush();
  }
}
