package io.kspipeline.cli;

import io.kspipeline.cli.LiveSnapshot.Entry;
import io.kspipeline.cli.LiveSnapshot.JobFlow;
import io.kspipeline.cli.LiveSnapshot.WindowTotal;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.metrics.MetricsRegistry;
import io.kspipeline.jobs.common.metrics.MetricsRegistry.QueryMetrics;
import io.kspipeline.jobs.dstream.DStreamOptions;
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
 * Reads a {@link LiveSnapshot}: the result tables (JDBC), the tail of the error-lines topic, and
 * how each job keeps up — Spark's progress for the Structured queries, committed offsets for the
 * DStream jobs' consumer groups. Tables that do not exist yet read as empty.
 */
final class SnapshotReader implements AutoCloseable {
  private static final int TOP = 10;
  private static final int RECENT_ERRORS = 8;
  private static final int CHART_WINDOWS = 12;

  private final JdbcOptions jdbc;
  private final MetricsRegistry metrics;
  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> errors;
  private final Deque<String> recentErrors = new ArrayDeque<>();
  private final Map<String, Long> lastCommitted = new HashMap<>();
  private Instant lastRead;

  SnapshotReader(String bootstrap, String jdbcUrl, MetricsRegistry metrics) {
    this.jdbc = JdbcOptions.of(jdbcUrl);
    this.metrics = metrics;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    this.errors =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    errors
        .partitionsFor(JobCatalog.ERROR_LINES.output().name())
        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    errors.assign(partitions);
  }

  LiveSnapshot read() throws Exception {
    Instant now = Instant.now();
    List<Entry> topUrls = List.of();
    List<Entry> statuses = List.of();
    List<Entry> hashtags = List.of();
    List<WindowTotal> chart = List.of();
    Instant windowStart = null;
    Instant windowEnd = null;
    Instant slide = null;
    try (Connection c = jdbc.settings().connect()) {
      Instant[] latest = latestWindow(c);
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
    }
    return new LiveSnapshot(
        now,
        windowStart,
        windowEnd,
        topUrls,
        statuses,
        slide,
        hashtags,
        recentErrors(),
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

  private List<String> recentErrors() {
    for (ConsumerRecord<byte[], byte[]> r : errors.poll(Duration.ofMillis(50))) {
      recentErrors.addLast(new String(r.value(), StandardCharsets.UTF_8));
      if (recentErrors.size() > RECENT_ERRORS) {
        recentErrors.removeFirst();
      }
    }
    return new ArrayList<>(recentErrors);
  }

  private static Instant[] latestWindow(Connection c) {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT window_start, window_end FROM url_hits ORDER BY window_end DESC"
                    + " FETCH FIRST 1 ROWS ONLY");
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
    errors.close();
    admin.close();
  }
}
