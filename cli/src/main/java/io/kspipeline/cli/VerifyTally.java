package io.kspipeline.cli;

import java.util.Map;
import java.util.TreeSet;

/**
 * Count units compared per key: what the truth has and the result lacks is lost; what the result
 * has beyond the truth is duplicated (counted twice).
 */
record VerifyTally(long lost, long duplicated) {
  static VerifyTally compare(Map<String, Long> expected, Map<String, Long> actual) {
    long lost = 0;
    long duplicated = 0;
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      long want = expected.getOrDefault(key, 0L);
      long got = actual.getOrDefault(key, 0L);
      lost += Math.max(0, want - got);
      duplicated += Math.max(0, got - want);
    }
    return new VerifyTally(lost, duplicated);
  }
}
