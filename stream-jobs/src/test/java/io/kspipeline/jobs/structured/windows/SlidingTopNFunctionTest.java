package io.kspipeline.jobs.structured.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.TestGroupState;
import org.junit.jupiter.api.Test;

/**
 * The sliding top N against brute force: random, partly out-of-order batches through the function
 * (state carried from batch to batch as Spark would), then every window's last emitted ranking and
 * every count row checked against counts recomputed from the events that were not set aside as
 * late. The rows that must be written are computed here too: in each batch, a row for every key the
 * batch changed in a window already reported, and at the end one for every key of a window's final
 * top N.
 */
class SlidingTopNFunctionTest {
  private static final long SLIDE = 1_000;
  private static final long LENGTH = 30_000;
  private static final long DELAY = 5_000;
  private static final int TOP = 3;

  @Test
  void shouldMatchBruteForceCountsAndRankingsOnRandomBatches() {
    for (long seed = 1; seed <= 20; seed++) {
      checkAgainstBruteForce(new Random(seed), 1);
    }
  }

  @Test
  void shouldRankExactlyAcrossStateShards() {
    for (long seed = 1; seed <= 20; seed++) {
      checkAgainstBruteForce(new Random(seed), 3);
    }
  }

  private void checkAgainstBruteForce(Random random, int shards) {
    SlidingTopNFunction function =
        new SlidingTopNFunction(
            new WindowSpec(Duration.ofMillis(LENGTH), Duration.ofMillis(SLIDE)), TOP);
    ShardRouting routing =
        new ShardRouting(
            shards,
            new WindowSpec(Duration.ofMillis(LENGTH), Duration.ofMillis(SLIDE)),
            true,
            false);
    Map<Long, Optional<SlideBuckets>> states = new HashMap<>();
    long watermark = 0;
    long maxEventTime = 0;
    long now = 1_700_000_000_000L;
    Map<WindowedEvent, Long> counted = new HashMap<>(); // → the watermark when it arrived
    Map<String, Long> lastCount = new HashMap<>(); // "end key" → latest count row
    Map<Long, List<String>> lastRanking = new TreeMap<>(); // end → latest ranking
    Set<String> mustBeWritten = new TreeSet<>(); // "end key"
    long offset = 0;
    for (int batch = 0; batch < 40; batch++) {
      now += random.nextInt(4_000);
      List<WindowedEvent> events = new ArrayList<>();
      for (int i = random.nextInt(30); i > 0; i--) {
        // Mostly recent, some well behind (late or re-opening older windows).
        long time =
            now - (random.nextInt(10) == 0 ? random.nextInt(60_000) : random.nextInt(3_000));
        events.add(event(time, "k" + random.nextInt(8), offset++));
      }
      // Two input partitions, each routing its events and ticking every shard, as Spark would.
      Map<Long, List<WindowedEvent>> byShard = new TreeMap<>();
      int half = events.size() / 2;
      for (List<WindowedEvent> partition :
          List.of(events.subList(0, half), events.subList(half, events.size()))) {
        // Routed knowing the watermark, as in a job's batch: only records that may be late keep
        // their bytes.
        routing
            .route(new ArrayList<>(partition).iterator(), OptionalLong.of(watermark))
            .forEachRemaining(
                e -> byShard.computeIfAbsent(e.getShard(), x -> new ArrayList<>()).add(e));
      }
      List<WindowResult> out = new ArrayList<>();
      for (Map.Entry<Long, List<WindowedEvent>> shard : byShard.entrySet()) {
        TestGroupState<SlideBuckets> group =
            TestGroupState.create(
                states.getOrDefault(shard.getKey(), Optional.empty()),
                GroupStateTimeout.NoTimeout(),
                now,
                Optional.<Object>of(watermark),
                false);
        function
            .call(shard.getKey(), shard.getValue().iterator(), group)
            .forEachRemaining(out::add);
        states.put(shard.getKey(), group.exists() ? Optional.of(group.get()) : Optional.empty());
      }

      List<Long> late = new ArrayList<>();
      out.stream()
          .filter(r -> r.getKind().equals(WindowResult.LATE))
          .forEach(r -> assertThat(r.getValue()).as("a late record's bytes").isNotNull());
      Map<Long, List<WindowResult>> candidates = new TreeMap<>();
      List<WindowResult> counts = new ArrayList<>();
      Set<String> changedRows = new TreeSet<>();
      for (WindowResult r : out) {
        long end = r.getWindowEnd() == null ? 0 : r.getWindowEnd().getTime();
        switch (r.getKind()) {
          case WindowResult.LATE -> late.add(r.getOffset());
          case WindowResult.COUNT -> counts.add(r);
          default -> candidates.computeIfAbsent(end, e -> new ArrayList<>()).add(r);
        }
        if (r.getKind().equals(WindowResult.COUNT) && r.isChanged()) {
          assertThat(changedRows.add(end + " " + r.getCountKey())).as("one row per key").isTrue();
        }
      }
      assertThat(changedRows)
          .as("batch %d: keys changed in windows already reported", batch)
          .isEqualTo(changedInReportedWindows(events, watermark, maxEventTime));
      mustBeWritten.addAll(changedRows);
      // What WindowResults.rankedAcrossShards does: the top N of each window across the shards'.
      Map<Long, List<String>> rankings = new TreeMap<>();
      candidates.forEach(
          (end, rows) -> {
            Map<String, Long> union = new HashMap<>();
            rows.forEach(r -> union.put(r.getCountKey(), r.getCount()));
            rankings.put(end, top(union));
          });
      for (WindowResult r : counts) {
        assertThat(r.isChanged()).as("count rows are changes").isTrue();
        lastCount.put(r.getWindowEnd().getTime() + " " + r.getCountKey(), r.getCount());
      }
      // What WindowResults.countRows adds: an unchanged key that made its window's top N.
      candidates.forEach(
          (end, rows) ->
              rows.stream()
                  .filter(r -> !r.isChanged())
                  .filter(
                      r ->
                          rankings.get(end).stream()
                              .anyMatch(entry -> entry.contains(":" + r.getCountKey() + "=")))
                  .forEach(r -> lastCount.put(end + " " + r.getCountKey(), r.getCount())));
      lastRanking.putAll(rankings);
      for (WindowedEvent e : events) {
        long lastEnd = Math.floorDiv(e.getEventTime().getTime(), SLIDE) * SLIDE + LENGTH;
        boolean closed = lastEnd <= watermark;
        assertThat(late.stream().filter(o -> o == e.getOffset()).count())
            .as("late (once) iff all windows closed")
            .isEqualTo(closed ? 1L : 0L);
        if (!closed) {
          counted.put(e, watermark);
          assertThat(e.getValue()).as("a counted record crossed without its bytes").isNull();
        }
        maxEventTime = Math.max(maxEventTime, e.getEventTime().getTime());
      }
      watermark = Math.max(watermark, maxEventTime - DELAY);
    }

    Map<Long, Map<String, Long>> truth = bruteForce(counted);
    long frontier = Math.floorDiv(maxEventTime, SLIDE) * SLIDE + SLIDE;
    truth.keySet().removeIf(end -> end > frontier);
    assertThat(lastRanking.keySet()).isEqualTo(truth.keySet());
    truth.forEach(
        (end, counts) -> {
          List<String> top = top(counts);
          assertThat(lastRanking.get(end)).as("ranking of window " + end).isEqualTo(top);
          top.forEach(
              entry -> mustBeWritten.add(end + " " + entry.replaceAll("^\\d+:|=\\d+$", "")));
        });
    assertThat(lastCount.keySet()).containsAll(mustBeWritten);
    lastCount.forEach(
        (row, written) -> {
          String[] endAndKey = row.split(" ");
          assertThat(truth.getOrDefault(Long.parseLong(endAndKey[0]), Map.of()).get(endAndKey[1]))
              .as("count row " + row)
              .isEqualTo(written);
        });
  }

  /**
   * "end key" of each window that a batch's event falls in, that was already reported before the
   * batch (ending at or before the bucket after the newest earlier event) and is still open.
   */
  private static Set<String> changedInReportedWindows(
      List<WindowedEvent> events, long watermark, long maxEarlierEventTime) {
    Set<String> rows = new TreeSet<>();
    if (maxEarlierEventTime == 0) {
      return rows;
    }
    long reportedThrough = Math.floorDiv(maxEarlierEventTime, SLIDE) * SLIDE + SLIDE;
    long firstOpenEnd = Math.floorDiv(watermark, SLIDE) * SLIDE + SLIDE;
    for (WindowedEvent e : events) {
      long bucket = Math.floorDiv(e.getEventTime().getTime(), SLIDE) * SLIDE;
      if (bucket + LENGTH < firstOpenEnd) {
        continue; // late
      }
      long to = Math.min(reportedThrough, bucket + LENGTH);
      for (long end = Math.max(firstOpenEnd, bucket + SLIDE); end <= to; end += SLIDE) {
        rows.add(end + " " + e.getCountKey());
      }
    }
    return rows;
  }

  /**
   * Window end → key → count, each event copied into every window that contains it and was still
   * open (ending after the watermark) when it arrived.
   */
  private static Map<Long, Map<String, Long>> bruteForce(Map<WindowedEvent, Long> events) {
    Map<Long, Map<String, Long>> windows = new TreeMap<>();
    for (Map.Entry<WindowedEvent, Long> arrival : events.entrySet()) {
      WindowedEvent e = arrival.getKey();
      long first = Math.floorDiv(e.getEventTime().getTime(), SLIDE) * SLIDE + SLIDE;
      long firstOpen = Math.floorDiv(arrival.getValue(), SLIDE) * SLIDE + SLIDE;
      for (long end = Math.max(first, firstOpen); end < first + LENGTH; end += SLIDE) {
        windows.computeIfAbsent(end, x -> new HashMap<>()).merge(e.getCountKey(), 1L, Long::sum);
      }
    }
    return windows;
  }

  private static List<String> top(Map<String, Long> counts) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    List<String> top = new ArrayList<>();
    for (int i = 0; i < Math.min(TOP, entries.size()); i++) {
      top.add((i + 1) + ":" + entries.get(i).getKey() + "=" + entries.get(i).getValue());
    }
    return top;
  }

  private static WindowedEvent event(long time, String key, long offset) {
    WindowedEvent e = new WindowedEvent();
    e.setEventTime(new Timestamp(time));
    e.setCountKey(key);
    e.setTopic("in");
    e.setOffset(offset);
    e.setValue(("record " + offset).getBytes(StandardCharsets.UTF_8));
    return e;
  }
}
