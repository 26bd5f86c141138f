package io.kspipeline.cli;

import java.time.Instant;
import java.util.List;

/**
 * What the demo's live view shows at one moment, read from the result tables, the topics and the
 * jobs' metrics; rendered to the terminal and served as JSON to the web page.
 */
record LiveSnapshot(
    Instant at,
    Instant topUrlsWindowStart,
    Instant topUrlsWindowEnd,
    List<Entry> topUrls,
    List<Entry> statusCounts,
    Instant hashtagsSlide,
    List<Entry> topHashtags,
    WindowEntries actionCounts,
    List<String> recentErrors,
    List<String> recentAlerts,
    List<JobFlow> flows,
    List<WindowTotal> hitsPerWindow) {

  /** A key and its hits. */
  record Entry(String key, long hits) {}

  /** The entries of one window (action-counts' latest); no window yet: nulls and no entries. */
  record WindowEntries(Instant windowStart, Instant windowEnd, List<Entry> entries) {
    static final WindowEntries NONE = new WindowEntries(null, null, List.of());
  }

  /**
   * How a job keeps up with its input.
   *
   * @param processedPerSecond records the job processed per second lately
   * @param lag records in its input it has not processed yet; -1 when unknown
   */
  record JobFlow(String job, String input, double processedPerSecond, long lag) {}

  /** All hits of a top-urls window (for the chart). */
  record WindowTotal(Instant windowEnd, long hits) {}

  /** Whether the jobs have produced anything to show yet. */
  boolean hasResults() {
    return !statusCounts.isEmpty()
        || !topUrls.isEmpty()
        || !topHashtags.isEmpty()
        || !actionCounts.entries().isEmpty();
  }
}
