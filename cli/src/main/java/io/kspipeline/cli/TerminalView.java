package io.kspipeline.cli;

import io.kspipeline.cli.LiveSnapshot.Entry;
import io.kspipeline.cli.LiveSnapshot.JobFlow;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The live view in a terminal: redrawn in place on a terminal, appended otherwise. */
final class TerminalView {
  private static final String CLEAR = "\033[H\033[2J";
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int WIDTH = 60;

  private final PrintWriter out;
  private final boolean redraw;
  private final String footer;

  TerminalView(PrintWriter out, boolean redraw, String footer) {
    this.out = out;
    this.redraw = redraw;
    this.footer = footer;
  }

  void render(LiveSnapshot s) {
    StringBuilder b = new StringBuilder();
    if (redraw) {
      b.append(CLEAR);
    }
    b.append("kafka-spark-pipeline demo   ").append(CLOCK.format(s.at())).append(" UTC   ");
    b.append(footer).append('\n');

    b.append("\nThroughput and lag\n");
    b.append(String.format("  %-18s %-12s %12s %10s%n", "job", "input", "records/s", "lag"));
    for (JobFlow f : s.flows()) {
      b.append(
          String.format(
              "  %-18s %-12s %12.1f %10s%n",
              f.job(), f.input(), f.processedPerSecond(), f.lag() < 0 ? "-" : f.lag()));
    }

    String window =
        s.topUrlsWindowEnd() == null
            ? "(no window yet)"
            : CLOCK.format(s.topUrlsWindowStart()) + "-" + CLOCK.format(s.topUrlsWindowEnd());
    table(b, "Top URLs, window " + window, "endpoint", s.topUrls());
    table(b, "Status counts", "status", s.statusCounts());
    table(
        b,
        "Top hashtags, last 300 s"
            + (s.hashtagsSlide() == null ? "" : " (at " + CLOCK.format(s.hashtagsSlide()) + ")"),
        "hashtag",
        s.topHashtags());

    b.append("\nRecent error lines (status >= 500)\n");
    if (s.recentErrors().isEmpty()) {
      b.append("  (none yet)\n");
    }
    for (String line : s.recentErrors()) {
      b.append("  ").append(abbreviate(line, 110)).append('\n');
    }
    out.print(b);
    out.flush();
  }

  private static void table(StringBuilder b, String title, String keyName, List<Entry> entries) {
    b.append('\n').append(title).append('\n');
    if (entries.isEmpty()) {
      b.append("  (nothing yet)\n");
      return;
    }
    b.append(String.format("  %-" + (WIDTH - 12) + "s %10s%n", keyName, "hits"));
    for (Entry e : entries) {
      b.append(
          String.format(
              "  %-" + (WIDTH - 12) + "s %10d%n", abbreviate(e.key(), WIDTH - 12), e.hits()));
    }
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  static String clock(Instant at) {
    return CLOCK.format(at);
  }
}
