package io.kspipeline.jobs.structured.windows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;

/**
 * Running totals per key since the beginning of the input, one shard's keys per group. Every shard
 * runs in every batch with events (the ticks of {@link ShardRouting}) and emits all its totals, so
 * each batch carries the whole table, as a complete-mode aggregation would; dead letters pass
 * through.
 */
final class RunningCountFunction
    implements FlatMapGroupsWithStateFunction<
        Long, WindowedEvent, HashMap<String, Long>, WindowResult> {
  @Override
  public Iterator<WindowResult> call(
      Long shard, Iterator<WindowedEvent> events, GroupState<HashMap<String, Long>> state) {
    HashMap<String, Long> totals = state.exists() ? state.get() : new HashMap<>();
    List<WindowResult> out = new ArrayList<>();
    boolean counting = false;
    while (events.hasNext()) {
      WindowedEvent e = events.next();
      if (e.isDead()) {
        out.add(WindowResult.dead(e));
      } else {
        counting = true;
        if (!e.isTick()) {
          totals.merge(e.getCountKey(), e.getWeight(), Long::sum);
        }
      }
    }
    if (counting && !totals.isEmpty()) {
      totals.forEach((key, total) -> out.add(WindowResult.total(key, total)));
      state.update(totals);
    }
    return out.iterator();
  }
}
