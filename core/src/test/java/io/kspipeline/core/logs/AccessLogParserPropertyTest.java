package io.kspipeline.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded randomized properties; a failure names its seed and line, so it can be replayed. */
class AccessLogParserPropertyTest {
  private static final AccessLogParser PARSER = AccessLogParser.autoDetecting();
  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");
  private static final int CASES = 3_000;

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20161226L, 0xC0FFEEL})
  void shouldParseAFormattedRecordBackToTheSameRecord(long seed) {
    RandomAccessLogs logs = new RandomAccessLogs(new Random(seed));
    for (int i = 0; i < CASES; i++) {
      AccessLogRecord record = logs.record();
      String line = logs.line(record);

      ParseOutcome expected = new ParseOutcome.Parsed(record);
      ParseOutcome outcome = PARSER.parse(line);
      if (!outcome.equals(expected)) { // describe only failures: formatting costs more than parsing
        assertThat(outcome).as("seed %d case %d: %s", seed, i, line).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {7L, 99L, 31337L})
  void shouldNeverThrowOnMutatedLinesAndPointInsideTheLine(long seed) {
    Random random = new Random(seed);
    RandomAccessLogs logs = new RandomAccessLogs(random);
    String noise = "\"\\[] -:/+0123456789\u0000\u00ff\ud83d";
    for (int i = 0; i < CASES; i++) {
      StringBuilder line = new StringBuilder(logs.line(logs.record()));
      for (int edits = 1 + random.nextInt(4); edits > 0 && line.length() > 0; edits--) {
        int at = random.nextInt(line.length());
        switch (random.nextInt(3)) {
          case 0 -> line.deleteCharAt(at);
          case 1 -> line.insert(at, noise.charAt(random.nextInt(noise.length())));
          default -> line.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
        }
      }

      assertSaneOutcome(line.toString(), "seed " + seed + " case " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {3L, 1234L})
  void shouldNeverThrowOnRandomGarbage(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < CASES; i++) {
      char[] garbage = new char[random.nextInt(120)];
      for (int j = 0; j < garbage.length; j++) {
        garbage[j] =
            random.nextInt(4) == 0
                ? " \"[]\\".charAt(random.nextInt(5))
                : (char) random.nextInt(0x3000);
      }

      assertSaneOutcome(new String(garbage), "seed " + seed + " case " + i);
    }
  }

  private static void assertSaneOutcome(String line, String description) {
    ParseOutcome outcome = PARSER.parse(line);
    if (outcome instanceof ParseOutcome.Rejected rejected) {
      String reason = rejected.reason();
      Matcher column = COLUMN.matcher(reason);
      if (column.find()) {
        int at = Integer.parseInt(column.group(1));
        if (at < 1 || at > line.length() + 1) {
          assertThat(at).as("%s: %s in %s", description, reason, line).isBetween(1, line.length());
        }
      } else {
        assertThat(reason).as("%s: %s", description, line).isEqualTo("empty line");
      }
    } else {
      assertThat(outcome).as(description).isInstanceOf(ParseOutcome.Parsed.class);
    }
  }
}
