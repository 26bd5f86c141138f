package io.kspipeline.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kspipeline.core.FuzzInput;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes {@link AccessLogParser}. Without {@code -Pfuzz} each method replays the seed lines under
 * {@code AccessLogParserFuzzTestInputs/<method>/} (docs/fuzzing.md).
 *
 * <p>Invariants: parsing returns a value for any line and never throws; a rejection says why and
 * points inside the line; every text field of a record is a piece of the line (for quoted fields,
 * once the backslashes of escapes are set aside); status and size are in range.
 */
class AccessLogParserFuzzTest {
  private static final AccessLogParser AUTO = AccessLogParser.autoDetecting();
  private static final AccessLogParser VHOST_COMBINED =
      AccessLogParser.forLogFormat("vhost_combined");
  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

  /** Reasons quote at most a short excerpt, so a megabyte line gives a short reason. */
  private static final int MAX_REASON_LENGTH = 200;

  @FuzzTest
  void autoDetecting(byte[] data) {
    String line = FuzzInput.text(data);
    ParseOutcome outcome = AUTO.parse(line);
    assertSane(line, outcome, true);
  }

  @FuzzTest
  void vhostCombined(byte[] data) {
    String line = FuzzInput.text(data);
    ParseOutcome outcome = VHOST_COMBINED.parse(line);
    assertSane(line, outcome, true);
  }

  /**
   * A LogFormat and a line, separated by the first newline. An unusable format is refused with the
   * documented IllegalArgumentException; a format that compiles must parse any line without
   * throwing.
   */
  @FuzzTest
  void customLogFormat(byte[] data) {
    String input = FuzzInput.text(data);
    int newline = input.indexOf('\n');
    if (newline < 0) {
      return;
    }
    AccessLogParser parser;
    try {
      parser = AccessLogParser.forLogFormat(input.substring(0, newline));
    } catch (IllegalArgumentException expected) {
      return;
    }
    String line = input.substring(newline + 1);
    ParseOutcome outcome = parser.parse(line);
    // %v and %p logged apart are joined with ':', and reasons name the format's own literals.
    assertSane(line, outcome, false);
  }

  private static void assertSane(String line, ParseOutcome outcome, boolean fixedFormat) {
    assertThat(outcome).isNotNull();
    if (outcome instanceof ParseOutcome.Rejected rejected) {
      String reason = rejected.reason();
      assertThat(reason).isNotBlank();
      if (fixedFormat) {
        assertThat(reason.length()).as(reason).isLessThanOrEqualTo(MAX_REASON_LENGTH);
        Matcher column = COLUMN.matcher(reason);
        if (column.find()) {
          assertThat(Integer.parseInt(column.group(1))).as(reason).isBetween(1, line.length() + 1);
        }
      }
      return;
    }
    AccessLogRecord record = ((ParseOutcome.Parsed) outcome).record();
    if (fixedFormat) {
      assertFromLine(line, record.virtualHost(), "virtualHost");
    }
    assertFromLine(line, record.clientIp(), "clientIp");
    assertFromLine(line, record.ident(), "ident");
    assertFromLine(line, record.userId(), "userId");
    assertFromLine(line, record.method(), "method");
    assertFromLine(line, record.endpoint(), "endpoint");
    assertFromLine(line, record.protocol(), "protocol");
    assertFromLine(line, record.referrer(), "referrer");
    assertFromLine(line, record.userAgent(), "userAgent");
    assertThat(record.timestamp()).isNotNull();
    assertThat(record.status()).isBetween(100, 999);
    if (record.contentSize() != null) {
      assertThat(record.contentSize()).isNotNegative();
    }
    if (fixedFormat && record.method() != null) { // a custom %m may come without %U
      assertThat(record.endpoint()).as("endpoint of a split request line").isNotEmpty();
    }
  }

  /**
   * The value is a piece of the line; a quoted field drops the backslash of {@code \"} and {@code
   * \\}, so it is a piece of the line once backslashes are removed from both.
   */
  private static void assertFromLine(String line, String value, String field) {
    if (value == null || line.contains(value)) {
      return;
    }
    assertThat(line.replace("\\", ""))
        .as("%s %s is not from the line %s", field, value, line)
        .contains(value.replace("\\", ""));
  }
}
