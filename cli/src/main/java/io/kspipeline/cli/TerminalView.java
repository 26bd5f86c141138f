package io.kspipeline.cli;

import static io.kspipeline.cli.DisplayWidth.fit;
import static io.kspipeline.cli.DisplayWidth.padStart;

import io.kspipeline.cli.LiveSnapshot.Entry;
import io.kspipeline.cli.LiveSnapshot.JobFlow;
import io.kspipeline.cli.LiveSnapshot.WindowEntries;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The live view in a terminal: redrawn in place on a terminal, appended otherwise. Every line fits
 * the terminal's width, and columns are measured in display columns ({@link DisplayWidth}), so rows
 * with CJK hashtags line up with ASCII ones.
 */
final class TerminalView {
  private static final String CLEAR = "\033[H\033[2J";
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String INDENT = "  ";

  /** Numbers: hits, records/s and lag. */
  private static final int NUMBER = 10;

  /** Keys are abbreviated beyond this even on wide terminals, so their hits stay close by. */
  private static final int MAX_KEY = 60;

  /** Below this a key column says too little; the line may then be cut at the terminal's edge. */
  private static final int MIN_KEY = 6;

  private static final int JOB = 18;
  private static final int INPUT = 14;

  private final PrintWriter out;
  private final boolean redraw;
  private final String footer;
  private final DemoLog log;
  private final IntSupplier width;

  TerminalView(PrintWriter out, boolean redraw, String footer) {
    this(out, redraw, footer, null);
  }

  /**
   * @param log where the demo logs meanwhile, shown in the header with its warnings and errors;
   *     null when it logs to the console
   */
  TerminalView(PrintWriter out, boolean redraw, String footer, DemoLog log) {
    this(out, redraw, footer, log, new TerminalWidth());
  }

  TerminalView(PrintWriter out, boolean redraw, String footer, DemoLog log, IntSupplier width) {
    this.out = out;
    this.redraw = redraw;
    this.footer = footer;
    this.log = log;
    this.width = width;
  }

  void render(LiveSnapshot s) {
    int w = Math.max(TerminalWidth.MINIMUM, width.getAsInt());
    StringBuilder b = new StringBuilder();
    if (redraw) {
      b.append(CLEAR);
    }
    String title = "kafka-spark-pipeline demo   " + CLOCK.format(s.at()) + " UTC";
    String header = title + "   " + footer;
    if (DisplayWidth.of(header) <= w) {
      line(b, w, header);
    } else {
      // On a narrow terminal the footer (how to stop, the web page's address) gets its own line.
      line(b, w, title);
      line(b, w, footer);
    }
    if (log != null) {
      String counts = "warnings: " + log.warnings() + "  errors: " + log.errors() + "   log: ";
      line(
          b,
          w,
          counts
              + DisplayWidth.abbreviateStart(log.path().toString(), w - DisplayWidth.of(counts)));
    }

    flows(b, w, s.flows());
    String window =
        s.topUrlsWindowEnd() == null
            ? "(no window yet)"
            : CLOCK.format(s.topUrlsWindowStart()) + "-" + CLOCK.format(s.topUrlsWindowEnd());
    table(b, w, "Top URLs, window " + window, "endpoint", s.topUrls());
    table(b, w, "Status counts", "status", s.statusCounts());
    table(
        b,
        w,
        "Top hashtags, last 300 s"
            + (s.hashtagsSlide() == null ? "" : " (at " + CLOCK.format(s.hashtagsSlide()) + ")"),
        "hashtag",
        s.topHashtags());
    WindowEntries actions = s.actionCounts();
    table(
        b,
        w,
        "Web actions, window "
            + (actions.windowEnd() == null
                ? "(no window yet)"
                : CLOCK.format(actions.windowStart()) + "-" + CLOCK.format(actions.windowEnd())),
        "action",
        actions.entries());

    recent(b, w, "Recent error lines (status >= 500)", s.recentErrors());
    recent(b, w, "Recent error alerts", s.recentAlerts());
    out.print(b);
    out.flush();
  }

  private static void recent(StringBuilder b, int w, String title, List<String> lines) {
    b.append('\n');
    line(b, w, title);
    if (lines.isEmpty()) {
      line(b, w, INDENT + "(none yet)");
    }
    for (String text : lines) {
      line(b, w, INDENT + printable(text));
    }
  }

  private static void flows(StringBuilder b, int w, List<JobFlow> flows) {
    b.append('\n');
    line(b, w, "Throughput and lag");
    int[] keys = shrink(new int[] {JOB, INPUT}, w - INDENT.length() - 3 - 2 * NUMBER);
    line(b, w, row(keys, "job", "input", padStart("records/s", NUMBER), padStart("lag", NUMBER)));
    for (JobFlow f : flows) {
      String rate = String.format(Locale.ROOT, "%.1f", f.processedPerSecond());
      String lag = f.lag() < 0 ? "-" : Long.toString(f.lag());
      line(b, w, row(keys, f.job(), f.input(), padStart(rate, NUMBER), padStart(lag, NUMBER)));
    }
  }

  private static String row(int[] keys, String job, String input, String rate, String lag) {
    return INDENT
        + fit(printable(job), keys[0])
        + " "
        + fit(printable(input), keys[1])
        + " "
        + rate
        + " "
        + lag;
  }

  private static void table(
      StringBuilder b, int w, String title, String keyName, List<Entry> entries) {
    b.append('\n');
    line(b, w, title);
    if (entries.isEmpty()) {
      line(b, w, INDENT + "(nothing yet)");
      return;
    }
    int key = Math.min(MAX_KEY, Math.max(MIN_KEY, w - INDENT.length() - 1 - NUMBER));
    line(b, w, INDENT + fit(keyName, key) + " " + padStart("hits", NUMBER));
    for (Entry e : entries) {
      line(
          b,
          w,
          INDENT + fit(printable(e.key()), key) + " " + padStart(Long.toString(e.hits()), NUMBER));
    }
  }

  /**
   * Column widths no wider than {@code available} in all: the widest column gives up a column at a
   * time, none below {@link #MIN_KEY}.
   */
  static int[] shrink(int[] preferred, int available) {
    int[] widths = preferred.clone();
    int total = 0;
    for (int width : widths) {
      total += width;
    }
    while (total > available) {
      int widest = 0;
      for (int i = 1; i < widths.length; i++) {
        widest = widths[i] > widths[widest] ? i : widest;
      }
      if (widths[widest] <= MIN_KEY) {
        break;
      }
      widths[widest]--;
      total--;
    }
    return widths;
  }

  /** One line of the view, cut to the terminal's width. */
  private static void line(StringBuilder b, int w, String text) {
    b.append(DisplayWidth.abbreviate(text, w)).append('\n');
  }

  /** Control characters (a tab in a log line) would move the cursor: shown as spaces. */
  private static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString();
  }

  static String clock(Instant at) {
    return CLOCK.format(at);
  }
}
