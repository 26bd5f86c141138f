package io.kspipeline.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ParseCommandTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run run(InputStream input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new ParseCommand(input, out));
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(err));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString());
  }

  private static Run run(String input, String... args) {
    return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
  }

  @Test
  void shouldWriteTheRecordFieldsInOrderAsCompactJsonLines() {
    Run run =
        run(
            "h - - [26/Dec/2016:14:16:29 +0000] \"GET /ü HTTP/1.1\" 200 5 \"-\" \"ä\"\n",
            "access-log");

    assertThat(run.out())
        .isEqualTo(
            "{\"virtualHost\":null,\"clientIp\":\"h\",\"ident\":null,\"userId\":null,"
                + "\"timestamp\":\"2016-12-26T14:16:29Z\",\"method\":\"GET\",\"endpoint\":\"/ü\","
                + "\"protocol\":\"HTTP/1.1\",\"status\":200,\"contentSize\":5,\"referrer\":null,"
                + "\"userAgent\":\"ä\"}\n");
  }

  @Test
  void shouldExitZeroAndReportBadLinesInBand() {
    Run run = run("garbage\n\nh - - [26/Dec/2016:14:16:29 +0000] \"-\" 408 -\n", "access-log");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .hasSize(3)
        .element(0)
        .isEqualTo("{\"error\":\"line ends at column 8, before the ident\"}");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void shouldReadCrLfLinesAndALastLineWithoutNewline() {
    Run run = run("#a b\r\n#c", "hashtags");

    assertThat(run.out()).isEqualTo("[\"a\"]\n[\"c\"]\n");
  }

  @Test
  void shouldReplaceMalformedUtf8InsteadOfFailing() {
    byte[] input = {'#', 'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', '#', 'y', '\n'};

    Run run = run(new ByteArrayInputStream(input), "hashtags");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("[\"ok\",\"y\"]\n");
  }

  @Test
  void shouldWriteNothingForEmptyInput() {
    assertThat(run("", "tweet").out()).isEmpty();
  }

  @Test
  void shouldParseAOneMebibyteLineThroughTheCommand() {
    String line =
        "h - - [26/Dec/2016:14:16:29 +0000] \"GET /" + "a".repeat(1 << 20) + " HTTP/1.1\" 414 0\n";

    Run run = run(line + line, "access-log");

    assertThat(run.out().lines()).hasSize(2).allMatch(json -> json.contains("\"status\":414"));
  }

  @Test
  void shouldFlushEachAnswerBeforeWaitingForMoreInput() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> outputSeenBeforeEachRead = new ArrayList<>();
    InputStream slowInput =
        new InputStream() {
          private final byte[][] chunks = {"#one\n".getBytes(), "#two\n".getBytes()};
          private int next;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            outputSeenBeforeEachRead.add(out.toString(StandardCharsets.UTF_8));
            if (next == chunks.length) {
              return -1;
            }
            byte[] chunk = chunks[next++];
            System.arraycopy(chunk, 0, buffer, offset, chunk.length);
            return chunk.length;
          }
        };

    PipelineCommandLine.create(new ParseCommand(slowInput, out)).execute("hashtags");

    assertThat(outputSeenBeforeEachRead)
        .containsExactly("", "[\"one\"]\n", "[\"one\"]\n[\"two\"]\n");
  }

  @Test
  void shouldRejectAnUnknownLogFormatDirectiveAsAUsageError() {
    Run run = run("", "access-log", "--log-format", "%h %t %>s %Q");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown LogFormat directive %Q at position 11");
  }

  @Test
  void shouldListTheParseCommandsInHelp() {
    assertThat(run("", "--help").err()).contains("access-log", "tweet", "hashtags");
    assertThat(run("", "access-log", "--help").err())
        .contains("--log-format", "vhost_combined", "null for \"-\"");
  }

  /** Without picocli warnings: see HelpWarningsTest. */
  @Test
  void shouldRenderTheLogFormatExampleInHelp() {
    assertThat(run("", "access-log", "--help").err()).contains("'%h %l %u %t \"%r\" %>s %b'");
  }

  @Test
  void shouldPrintSkippedControlMessagesAndEveryTweetOfAPage() {
    Run run =
        run(
            "{\"limit\":{\"track\":5}}\n"
                + "{\"data\":[{\"id\":\"1\",\"created_at\":\"2024-01-01T00:00:00Z\",\"text\":\"#a\"},"
                + "{\"id\":\"2\",\"created_at\":\"2024-01-01T00:00:01Z\",\"text\":\"b\"}]}\n",
            "tweet");

    assertThat(run.out())
        .isEqualTo(
            "{\"skipped\":\"limit\"}\n"
                + "{\"id\":\"1\",\"createdAt\":\"2024-01-01T00:00:00Z\",\"text\":\"#a\","
                + "\"hashtags\":[\"a\"]}\n"
                + "{\"id\":\"2\",\"createdAt\":\"2024-01-01T00:00:01Z\",\"text\":\"b\","
                + "\"hashtags\":[]}\n");
  }

  /** The three tweets of {@code tweets/shapes/}, as {@code parse tweet} prints them. */
  private static final String THREE_TWEETS =
      "{\"id\":\"1445880548472328192\",\"createdAt\":\"2021-10-06T22:31:02Z\","
          + "\"text\":\"Hello #TwitterDev and #API fans\",\"hashtags\":[\"TwitterDev\",\"API\"]}\n"
          + "{\"id\":\"1460323737035677698\",\"createdAt\":\"2021-11-15T19:08:05Z\","
          + "\"text\":\"@TwitterDev streaming with #Kafka &amp; #Spark \uD83D\uDE80\","
          + "\"hashtags\":[\"Kafka\",\"Spark\"]}\n"
          + "{\"id\":\"1519781379172495360\",\"createdAt\":\"2022-04-28T20:00:00Z\","
          + "\"text\":\"今日は晴れ\",\"hashtags\":[]}\n";

  @ParameterizedTest
  @ValueSource(
      strings = {"v2-pages.jsonl", "v2-tweets.jsonl", "twarc2-flatten.jsonl", "v1-statuses.jsonl"})
  void shouldPrintTheSameTweetsForEveryShapeGzippedOrNot(String file) throws IOException {
    byte[] plain;
    try (InputStream in = ParseCommandTest.class.getResourceAsStream("/tweets/shapes/" + file)) {
      plain = in.readAllBytes();
    }
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(plain);
    }

    assertThat(run(new ByteArrayInputStream(plain), "tweet").out()).isEqualTo(THREE_TWEETS);
    assertThat(run(new ByteArrayInputStream(gzipped.toByteArray()), "tweet").out())
        .isEqualTo(THREE_TWEETS);
  }
}
