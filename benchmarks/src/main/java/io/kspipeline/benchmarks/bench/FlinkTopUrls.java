package io.kspipeline.benchmarks.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * top-urls as a Flink DataStream topology: hits per endpoint in sliding event-time windows, then
 * each window's top N endpoints (most hits first, ties by endpoint), one line per ranked endpoint.
 */
public final class FlinkTopUrls {
  /** An access-log record as the count needs it: its endpoint ("-" for none) and event time. */
  public record Hit(String endpoint, long eventTimeMillis) {}

  /** The hits of one endpoint in the window that starts at {@code windowStart}. */
  public record WindowCount(long windowStart, String endpoint, long hits) {}

  private static final String ARRIVALS = "arrivals";
  private static final String FIRST_MS = "first-arrival-ms";
  private static final String LAST_MS = "last-arrival-ms";
  private static final KeySelector<Hit, String> BY_ENDPOINT = Hit::endpoint;
  private static final Comparator<WindowCount> MOST_HITS_THEN_ENDPOINT =
      Comparator.comparingLong(WindowCount::hits).reversed().thenComparing(WindowCount::endpoint);

  private FlinkTopUrls() {}

  /** Event time from the record, the watermark {@code outOfOrderness} behind the latest one. */
  public static WatermarkStrategy<Hit> watermarks(Duration outOfOrderness) {
    return WatermarkStrategy.<Hit>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner((hit, kafkaTimestamp) -> hit.eventTimeMillis());
  }

  /** Ranking lines {@code start_ms=S rank=R endpoint=E hits=H} of every window. */
  public static DataStream<String> rankings(
      DataStream<Hit> hits, Duration window, Duration slide, int top) {
    // Timed where Kafka Streams' peer times: after the shuffle by endpoint, before the count.
    DataStream<Hit> arrived = hits.keyBy(BY_ENDPOINT).map(new ArrivalClock()).name("arrivals");
    return DataStreamUtils.reinterpretAsKeyedStream(arrived, BY_ENDPOINT)
        .window(SlidingEventTimeWindows.of(window, slide))
        .aggregate(new CountHits(), new TagWindow())
        .name("hits-per-window")
        // All counts of a window share its key and its timestamp (the window's last millisecond),
        // so one tumbling window holds all of them; it fires once the watermark has passed the
        // sliding window, that is once every count of it has arrived.
        .keyBy(WindowCount::windowStart)
        .window(TumblingEventTimeWindows.of(slide))
        .process(new RankWindow(top))
        .name("top-" + top);
  }

  /** The {@link ArrivalSpan} of a finished job, from the accumulators of its arrival clocks. */
  static ArrivalSpan arrivals(JobExecutionResult result) {
    long records = result.<Long>getAccumulatorResult(ARRIVALS);
    long first = result.<Long>getAccumulatorResult(FIRST_MS);
    long last = result.<Long>getAccumulatorResult(LAST_MS);
    return new ArrivalSpan(records, first, last);
  }

  /** The {@code top} counts of one window, most hits first and ties by endpoint. */
  static List<WindowCount> top(Iterable<WindowCount> counts, int top) {
    List<WindowCount> ranked = new ArrayList<>();
    counts.forEach(ranked::add);
    ranked.sort(MOST_HITS_THEN_ENDPOINT);
    return ranked.subList(0, Math.min(top, ranked.size()));
  }

  /**
   * Counts arrivals and notes the wall clock of the first and the last. Accumulators merge the
   * subtasks' figures when the job ends (sum, min, max).
   */
  private static final class ArrivalClock extends RichMapFunction<Hit, Hit> {
    private transient LongCounter arrivals;
    private transient LongMinimum first;
    private transient LongMaximum last;

    @Override
    public void open(OpenContext context) {
      arrivals = new LongCounter();
      first = new LongMinimum();
      last = new LongMaximum();
      getRuntimeContext().addAccumulator(ARRIVALS, arrivals);
      getRuntimeContext().addAccumulator(FIRST_MS, first);
      getRuntimeContext().addAccumulator(LAST_MS, last);
    }

    @Override
    public Hit map(Hit hit) {
      long now = System.currentTimeMillis();
      if (arrivals.getLocalValuePrimitive() == 0) {
        first.add(now);
      }
      arrivals.add(1);
      last.add(now);
      return hit;
    }
  }

  private static final class CountHits implements AggregateFunction<Hit, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Hit hit, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  private static final class TagWindow
      extends ProcessWindowFunction<Long, WindowCount, String, TimeWindow> {
    @Override
    public void process(
        String endpoint, Context context, Iterable<Long> count, Collector<WindowCount> out) {
      out.collect(new WindowCount(context.window().getStart(), endpoint, count.iterator().next()));
    }
  }

  private static final class RankWindow
      extends ProcessWindowFunction<WindowCount, String, Long, TimeWindow> {
    private final int top;

    RankWindow(int top) {
      this.top = top;
    }

    @Override
    public void process(
        Long windowStart, Context context, Iterable<WindowCount> counts, Collector<String> out) {
      List<WindowCount> ranked = top(counts, top);
      for (int i = 0; i < ranked.size(); i++) {
        WindowCount c = ranked.get(i);
        out.collect(
            String.format(
                Locale.ROOT,
                "start_ms=%d rank=%d endpoint=%s hits=%d",
                c.windowStart(),
                i + 1,
                c.endpoint(),
                c.hits()));
      }
    }
  }
}
