package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.cli.LiveSnapshot.Entry;
import io.kspipeline.cli.LiveSnapshot.JobFlow;
import io.kspipeline.cli.LiveSnapshot.WindowEntries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalViewTest {
  private static final Instant AT = Instant.parse("2024-05-01T12:00:40Z");
  private static final String FOOTER = "Ctrl-C to stop   web: http://127.0.0.1:8080/";
  private static final String LONG_URL = "/api/v1/" + "segment/".repeat(20);
  private static final String LONG_HASHTAG = "データ".repeat(20);
  private static final String LONG_ERROR =
      "203.0.113.9 - - [01/May/2024:12:00:39 +0000] \"GET " + LONG_URL + " HTTP/1.1\"\t503 0";

  @TempDir Path work;

  @Test
  void shouldLineUpRowsWithWideCharactersWithAsciiRows() {
    List<String> lines =
        render(
            snapshot(
                List.of(new Entry("東京", 12), new Entry("spark", 7), new Entry("データ", 3)),
                List.of(),
                List.of()),
            60,
            null);

    // The key column is 60 - 2 (indent) - 1 - 10 (hits) = 47 columns wide on every row.
    assertThat(lines)
        .contains(
            "  hashtag" + " ".repeat(40) + " " + "      hits",
            "  東京" + " ".repeat(43) + " " + "        12",
            "  spark" + " ".repeat(42) + " " + "         7",
            "  データ" + " ".repeat(41) + " " + "         3");
  }

  @Test
  void shouldShrinkTheJobColumnsOnANarrowTerminal() {
    LiveSnapshot s =
        new LiveSnapshot(
            AT,
            null,
            null,
            List.of(),
            List.of(),
            null,
            List.of(),
            WindowEntries.NONE,
            List.of(),
            List.of(),
            List.of(
                new JobFlow("status-counts", "access-logs", 1234.5, 17),
                new JobFlow("trending-hashtags", "tweets", 0, -1)),
            List.of());

    // 40 columns leave 15 for job and input: the wider gives up a column at a time.
    assertThat(render(s, 40, null))
        .contains(
            "  " + "job    " + " " + "input   " + " " + " records/s" + " " + "       lag",
            "  " + "status…" + " " + "access-…" + " " + "    1234.5" + " " + "        17",
            "  " + "trendi…" + " " + "tweets  " + " " + "       0.0" + " " + "         -");
  }

  @Test
  void shouldFitEveryLineInTheTerminalWidth() throws Exception {
    LiveSnapshot s =
        snapshot(
            List.of(new Entry(LONG_HASHTAG, 5), new Entry("東京", 3)),
            List.of(new Entry(LONG_URL, 40), new Entry("/", 9)),
            List.of(LONG_ERROR, "short error"));

    try (DemoLog log = DemoLog.toFile(work.resolve("a-rather-long-work-directory-name"))) {
      for (int width : new int[] {60, 120}) {
        List<String> lines = render(s, width, log);

        assertThat(lines)
            .allSatisfy(line -> assertThat(DisplayWidth.of(line)).isLessThanOrEqualTo(width));
        assertThat(lines.get(0)).startsWith("kafka-spark-pipeline demo   12:00:40 UTC");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Ctrl-C to stop   web: "));
        assertThat(lines)
            .anySatisfy(
                line ->
                    assertThat(line)
                        .startsWith("warnings: 0  errors: 0   log: ")
                        .endsWith("/demo.log"));
        assertThat(lines)
            .anySatisfy(line -> assertThat(line).startsWith("  /api/v1/segment/").contains("… "))
            .anySatisfy(
                line ->
                    assertThat(line)
                        .startsWith("  203.0.113.9 - - [01/May/2024")
                        .endsWith("…")
                        .hasSize(width))
            .noneSatisfy(line -> assertThat(line).contains("\t"));
      }
      // Keys are 47 columns at 60 and at most 60 columns at 120; hits always 10.
      assertThat(render(s, 60, log)).contains("  " + "データ".repeat(7) + "デー…" + " " + "         5");
      assertThat(render(s, 120, log))
          .contains("  " + "データ".repeat(9) + "デー… " + " " + "         5");
    }
  }

  @Test
  void shouldShowTheLatestWindowOfWebActionsAndTheRecentAlerts() {
    LiveSnapshot s =
        new LiveSnapshot(
            AT,
            null,
            null,
            List.of(),
            List.of(),
            null,
            List.of(),
            new WindowEntries(
                Instant.parse("2024-05-01T12:00:00Z"),
                Instant.parse("2024-05-01T13:00:00Z"),
                List.of(new Entry("Click", 120), new Entry("Open", 20))),
            List.of(),
            List.of("2024-05-01T12:00:39Z 503 GET /cart 10.1.2.3 server-error"),
            List.of(),
            List.of());

    List<String> lines = render(s, 40, null);

    // 40 columns: keys 27 wide, hits 10.
    assertThat(lines)
        .containsSubsequence(
            "Web actions, window 12:00:00-13:00:00",
            "  action" + " ".repeat(21) + " " + "      hits",
            "  Click" + " ".repeat(22) + " " + "       120",
            "  Open" + " ".repeat(23) + " " + "        20")
        .containsSubsequence(
            "Recent error lines (status >= 500)",
            "  (none yet)",
            "Recent error alerts",
            "  2024-05-01T12:00:39Z 503 GET /cart 10…");
  }

  private static LiveSnapshot snapshot(
      List<Entry> hashtags, List<Entry> urls, List<String> errors) {
    return new LiveSnapshot(
        AT,
        AT.minusSeconds(40),
        AT.minusSeconds(10),
        urls,
        List.of(new Entry("200", 90), new Entry("503", 2)),
        AT,
        hashtags,
        WindowEntries.NONE,
        errors,
        List.of(),
        List.of(new JobFlow("status-counts", "access-logs", 12.5, 0)),
        List.of());
  }

  private static List<String> render(LiveSnapshot s, int width, DemoLog log) {
    StringWriter text = new StringWriter();
    new TerminalView(new PrintWriter(text), false, FOOTER, log, () -> width).render(s);
    return text.toString().lines().toList();
  }
}
