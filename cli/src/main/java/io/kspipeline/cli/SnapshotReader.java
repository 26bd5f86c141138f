package io.kspipeline.cli;

import io.kspipeline.cli.LiveSnapshot.Entry;
import io.kspipeline.cli.LiveSnapshot.JobFlow;
import io.kspipeline.cli.LiveSnapshot.WindowEntries;
import io.kspipeline.cli.LiveSnapshot.WindowTotal;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.metrics.MetricsRegistry;
import io.kspipeline.jobs.common.metrics.MetricsRegistry.QueryMetrics;
import io.kspipeline.jobs.dstream.DStreamOptions;
import io.kspipeline.schemas.avro.ErrorAlert;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a {@link LiveSnapshot}: the result tables (JDBC), the tails of the error-lines and
 * error-alerts topics, and how each job keeps up — Spark's progress for the Structured queries,
 * committed offsets for the DStream jobs' consumer groups. Tables that do not exist yet read as
 * empty.
 */
final class SnapshotReader implements AutoCloseable {
  private static final int TOP = 10;
  private static final int RECENT_ERRORS = 8;
  private static final int RECENT_ALERTS = 5;
  private static final int CHART_WINDOWS = 12;
  private static final String ERROR_LINES = JobCatalog.ERROR_LINES.output().name();
  private static final String ERROR_ALERTS = JobCatalog.ERROR_ALERTS.output().name();

  private final JdbcOptions jdbc;
  private final MetricsRegistry metrics;
  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> tails;
  private final ConfluentAvroDeserializer<ErrorAlert> alerts;
  private final RecentLines recentErrors = new RecentLines(RECENT_ERRORS);
  private final RecentLines recentAlerts = new RecentLines(RECENT_ALERTS);
  private final Map<String, Long> lastCommitted = new HashMap<>();
  private Instant lastRead;

  SnapshotReader(String bootstrap, String jdbcUrl, String registryUrl, MetricsRegistry metrics) {
    this.jdbc = JdbcOptions.of(jdbcUrl);
    this.metrics = metrics;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    this.alerts =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(registryUrl), ErrorAlert.class);
    this.tails =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(ERROR_LINES, ERROR_ALERTS)) {
      tails
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    tails.assign(partitions);
  }

  LiveSnapshot read() throws Exception {
    Instant now = Instant.now();
    List<Entry> topUrls = List.of();
    List<Entry> statuses = List.of();
    List<Entry> hashtags = List.of();
    List<WindowTotal> chart = List.of();
    WindowEntries actions = WindowEntries.NONE;
    Instant windowStart = null;
    Instant windowEnd = null;
    Instant slide = null;
    try (Connection c = jdbc.settings().connect()) {
      Instant[] latest = latestWindow(c, "url_hits");
      if (latest != null) {
        windowStart = latest[0];
        windowEnd = latest[1];
        topUrls =
            entries(
                c,
                "SELECT endpoint, hits FROM url_hits WHERE window_end = ? ORDER BY hits DESC,"
                    + " endpoint",
                windowEnd);
      }
      statuses =
          entries(c, "SELECT status, hits FROM status_counts ORDER BY hits DESC, status", null);
      slide = latestInstant(c, "SELECT MAX(slide_time) FROM popular_hashtags");
      if (slide != null) {
        hashtags =
            entries(
                c,
                "SELECT hashtag, hits FROM popular_hashtags WHERE slide_time = ? ORDER BY rank",
                slide);
      }
      chart = hitsPerWindow(c);
      Instant[] actionWindow = latestWindow(c, "action_counts");
      if (actionWindow != null) {
        actions =
            new WindowEntries(
                actionWindow[0],
                actionWindow[1],
                entries(
                    c,
                    "SELECT action, hits FROM action_counts WHERE window_end = ? ORDER BY hits"
                        + " DESC, action",
                    actionWindow[1]));
      }
    }
    readTails();
    return new LiveSnapshot(
        now,
        windowStart,
        windowEnd,
        topUrls,
        statuses,
        slide,
        hashtags,
        actions,
        recentErrors.lines(),
        recentAlerts.lines(),
        flows(now),
        chart);
  }

  private List<JobFlow> flows(Instant now) throws Exception {
    List<JobFlow> flows = new ArrayList<>();
    Map<String, QueryMetrics> queries = metrics.snapshot();
    for (JobSpec job : jobs(Api.STRUCTURED)) {
      QueryMetrics m = queries.get(job.name());
      flows.add(
          m == null
              ? new JobFlow(job.name(), job.input(), 0, -1)
              : new JobFlow(
                  job.name(),
                  job.input(),
                  m.lastBatch().processedRowsPerSecond(),
                  m.lastBatch().consumerLag() == null ? -1 : m.lastBatch().consumerLag()));
    }
    double seconds =
        lastRead == null ? 0 : Math.max(0.001, Duration.between(lastRead, now).toMillis() / 1000.0);
    for (JobSpec job : jobs(Api.DSTREAM)) {
      long end = DemoSummary.endOffsets(admin, job.input());
      long committed = committed(DStreamOptions.defaultGroupId(job.name()));
      Long before = lastCommitted.put(job.name(), committed);
      double rate = before == null || seconds == 0 ? 0 : (committed - before) / seconds;
      flows.add(
          new JobFlow(job.name(), job.input(), Math.max(0, rate), Math.max(0, end - committed)));
    }
    lastRead = now;
    return flows;
  }

  /** The demo's jobs of one API: Structured ones report progress, DStream ones commit offsets. */
  private static List<JobSpec> jobs(Api api) {
    return DemoJobs.JOBS.stream().filter(job -> job.api() == api).toList();
  }

  private long committed(String group) throws Exception {
    long sum = 0;
    for (OffsetAndMetadata offset :
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()) {
      if (offset != null) {
        sum += offset.offset();
      }
    }
    return sum;
  }

  /** What error-lines and error-alerts wrote since the last read. */
  private void readTails() {
    for (ConsumerRecord<byte[], byte[]> r : tails.poll(Duration.ofMillis(50))) {
      if (r.topic().equals(ERROR_ALERTS)) {
        recentAlerts.add(alertLine(alerts.deserialize(r.topic(), r.value())));
      } else {
        recentErrors.add(new String(r.value(), StandardCharsets.UTF_8));
      }
    }
  }

  /** An alert on one line: {@code 2024-05-01T12:00:39Z 503 GET /cart 10.1.2.3 server-error}. */
  static String alertLine(ErrorAlert alert) {
    return String.join(
        " ",
        alert.getTimestamp().toString(),
        String.valueOf(alert.getStatus()),
        String.valueOf(alert.getMethod()),
        String.valueOf(alert.getEndpoint()),
        alert.getClientIp(),
        alert.getReason());
  }

  /** The last few lines of a topic, oldest first. */
  private static final class RecentLines {
    private final int size;
    private final Deque<String> lines = new ArrayDeque<>();

    RecentLines(int size) {
      this.size = size;
    }

    void add(String line) {
      lines.addLast(line);
      if (lines.size() > size) {
        lines.removeFirst();
      }
    }

    List<String> lines() {
      return new ArrayList<>(lines);
    }
  }

  /** The latest window of a windowed result table: its start and end, or null without rows. */
  private static Instant[] latestWindow(Connection c, String table) {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT window_start, window_end FROM "
                    + table
                    + " ORDER BY window_end DESC FETCH FIRST 1 ROWS ONLY");
        ResultSet rs = s.executeQuery()) {
      return rs.next()
          ? new Instant[] {instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))}
          : null;
    } catch (SQLException notYet) {
      return null;
    }
  }

  private static Instant latestInstant(Connection c, String sql) {
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      return rs.next() && rs.getTimestamp(1) != null ? instant(rs.getTimestamp(1)) : null;
    } catch (SQLException notYet) {
      return null;
    }
  }

  private static List<Entry> entries(Connection c, String sql, Instant at) {
    List<Entry> entries = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (at != null) {
        s.setObject(1, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next() && entries.size() < TOP) {
          entries.add(new Entry(rs.getString(1), rs.getLong(2)));
        }
      }
    } catch (SQLException notYet) {
      return List.of();
    }
    return entries;
  }

  private static List<WindowTotal> hitsPerWindow(Connection c) {
    List<WindowTotal> totals = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT window_end, SUM(hits) FROM url_hits GROUP BY window_end"
                    + " ORDER BY window_end DESC FETCH FIRST "
                    + CHART_WINDOWS
                    + " ROWS ONLY");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        totals.add(0, new WindowTotal(instant(rs.getTimestamp(1)), rs.getLong(2)));
      }
    } catch (SQLException notYet) {
      return List.of();
    }
    return totals;
  }

  /** Result timestamps are stored as UTC wall-clock time. */
  private static Instant instant(Timestamp stored) {
    return stored.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  @Override
  public void close() {
    tails.close();
    alerts.close();
    admin.close();
  }
}
