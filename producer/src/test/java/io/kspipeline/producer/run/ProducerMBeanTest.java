package io.kspipeline.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** A run's counters as the JMX exporter reads them: attributes of the platform MBean server. */
class ProducerMBeanTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Test
  void shouldServeTheRunsCountersUntilClosed() throws Exception {
    ProduceCounters counters = new ProduceCounters();
    ObjectName name = new ObjectName("io.kspipeline.producer:type=produce,topic=mbean-test");
    try (ProducerMBean registered = ProducerMBean.register("mbean-test", counters)) {
      counters.read.addAndGet(5);
      counters.sent.addAndGet(3);
      counters.deadLettered.incrementAndGet();
      counters.failed.incrementAndGet();
      counters.sendCompleted(TimeUnit.MILLISECONDS.toNanos(3));
      counters.sendCompleted(TimeUnit.MICROSECONDS.toNanos(1500));

      assertThat(server.getAttribute(name, "ReadLines")).isEqualTo(5L);
      assertThat(server.getAttribute(name, "SentRecords")).isEqualTo(3L);
      assertThat(server.getAttribute(name, "DeadLetteredRecords")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "FailedRecords")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "SkippedLines")).isEqualTo(0L);
      assertThat(server.getAttribute(name, "SendLatencyMillisSum")).isEqualTo(4.5);
      assertThat(server.getAttribute(name, "SendLatencyMillisCount")).isEqualTo(2L);
    }
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void aSecondRunIntoTheSameTopicGoesUnregisteredWithoutFailing() {
    ProduceCounters first = new ProduceCounters();
    try (ProducerMBean registered = ProducerMBean.register("mbean-twice", first);
        ProducerMBean second = ProducerMBean.register("mbean-twice", new ProduceCounters())) {
      first.sent.incrementAndGet();
      // Closing the second leaves the first registered.
      second.close();
      assertThat(server.isRegistered(ProducerMBean.name("mbean-twice"))).isTrue();
    }
    assertThat(server.isRegistered(ProducerMBean.name("mbean-twice"))).isFalse();
  }
}
