package io.kspipeline.jobs.dstream;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.Optional;

/**
 * The state {@code updateStateByKey} keeps per key: the total, and whether the last batch changed
 * it (so each batch emits only the totals that moved, not every key ever seen).
 */
public record RunningTotal(long total, boolean changed) implements Serializable {

  /** The update function: adds the batch's counts of the key (none: unchanged). */
  public static Optional<RunningTotal> update(
      List<Long> batchCounts, Optional<RunningTotal> state) {
    long before = state.isPresent() ? state.get().total() : 0L;
    if (batchCounts.isEmpty()) {
      return state.isPresent() ? Optional.of(new RunningTotal(before, false)) : Optional.empty();
    }
    long added = 0;
    for (long c : batchCounts) {
      added += c;
    }
    return Optional.of(new RunningTotal(before + added, true));
  }
}
