package io.kspipeline.producer.run;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's counters in JMX, as {@code io.kspipeline.producer:type=produce,topic=<topic>}, beside the
 * Kafka client's own {@code kafka.producer:type=producer-metrics}: the JMX exporter agent of the
 * producer image serves both (its rules: the chart's files/jmx-exporter.yaml).
 */
public final class ProducerMBean implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProducerMBean.class);
  static final String DOMAIN = "io.kspipeline.producer";

  /** The attributes; JMX names them after the getters (SentRecords, ...). */
  public interface ProduceMetricsMXBean {
    long getReadLines();

    long getSentRecords();

    long getDeadLetteredRecords();

    long getFailedRecords();

    long getSkippedLines();

    double getSendLatencyMillisSum();

    long getSendLatencyMillisCount();
  }

  private record Metrics(ProduceCounters counters) implements ProduceMetricsMXBean {
    @Override
    public long getReadLines() {
      return counters.read();
    }

    @Override
    public long getSentRecords() {
      return counters.sent();
    }

    @Override
    public long getDeadLetteredRecords() {
      return counters.deadLettered();
    }

    @Override
    public long getFailedRecords() {
      return counters.failed();
    }

    @Override
    public long getSkippedLines() {
      return counters.skipped();
    }

    @Override
    public double getSendLatencyMillisSum() {
      return counters.sendLatencyMillis();
    }

    @Override
    public long getSendLatencyMillisCount() {
      return counters.sendsCompleted();
    }
  }

  private final MBeanServer server;
  private final ObjectName name;

  private ProducerMBean(MBeanServer server, ObjectName name) {
    this.server = server;
    this.name = name;
  }

  /**
   * Registers the counters of a run into {@code topic}. Metrics must not stop a producer: when the
   * name is taken (another run into the same topic in this JVM) the run goes unregistered, with a
   * warning.
   */
  public static ProducerMBean register(String topic, ProduceCounters counters) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = name(topic);
    try {
      server.registerMBean(new Metrics(counters), name);
      return new ProducerMBean(server, name);
    } catch (JMException e) {
      LOG.warn("no JMX metrics for this run into {}: {}", topic, e.toString());
      return new ProducerMBean(server, null);
    }
  }

  /** Kafka's topic names ([a-zA-Z0-9._-]) are valid unquoted property values. */
  static ObjectName name(String topic) {
    try {
      return new ObjectName(DOMAIN + ":type=produce,topic=" + topic);
    } catch (JMException e) {
      throw new IllegalArgumentException("topic " + topic, e);
    }
  }

  @Override
  public void close() {
    if (name == null) {
      return;
    }
    try {
      server.unregisterMBean(name);
    } catch (JMException e) {
      LOG.debug("{} was already unregistered", name, e);
    }
  }
}
