package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.AccessLogRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * error-lines without a broker, batch by batch on the manual clock: each batch's error lines (raw
 * lines containing "error", or server errors with --server-errors) keyed by the topic/partition/
 * offset they came from; records that cannot be read and batches without input give nothing.
 */
class ErrorLinesJobTest {
  private static final String REGISTRY = "mock://error-lines-test";
  private static final String RAW = "access-logs-raw";
  private static final String EVENTS = "access-logs";

  @TempDir Path checkpoint;

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs error-lines' filter over the script: batch time → "coordinates line" emitted. */
  private EmittedPerBatch<String> run(
      Map<Long, List<SourceRecord>> script,
      org.apache.spark.api.java.function.Function<SourceRecord, KeyedRecord> decoder,
      int batches)
      throws Exception {
    EmittedPerBatch<String> emitted = new EmittedPerBatch<>();
    try (ManualBatches manual =
        ManualBatches.of(
            checkpoint,
            (ssc, start) -> {
              JavaDStream<KeyedRecord> records = ScriptedRecords.of(ssc, script).map(decoder);
              emitted.collect(ErrorLinesJob.errorLines(records).map(t -> t._1() + " " + t._2()));
            })) {
      for (int i = 0; i < batches; i++) {
        manual.advance(1000);
      }
    }
    return emitted;
  }

  /**
   * "coordinates line" of each record that has an error line ({@code errorLineOf} not null), in
   * order.
   */
  private static List<String> expected(
      List<SourceRecord> records, Function<SourceRecord, String> errorLineOf) {
    List<String> out = new ArrayList<>();
    for (SourceRecord record : records) {
      String errorLine = errorLineOf.apply(record);
      if (errorLine != null) {
        out.add(record.coordinates() + " " + errorLine);
      }
    }
    return out;
  }

  @Test
  void shouldForwardEachBatchsLinesContainingErrorKeyedByWhereTheyCameFrom() throws Exception {
    List<byte[]> first =
        Arrays.asList(
            utf8(AccessLogRecords.line("/a", 200)),
            utf8("[Mon Jan 01 00:00:01 2024] [error] client denied by server configuration"),
            null, // a tombstone: no line, and no dead letters without --server-errors
            utf8("ERROR in upper case does not match by default"));
    List<byte[]> second =
        List.of(
            utf8(AccessLogRecords.line("/error-page", 404)),
            utf8(AccessLogRecords.line("/b", 500)));
    Map<Long, List<SourceRecord>> script =
        Map.of(
            1000L, ScriptedRecords.atOffsets(RAW, 0, first),
            2000L, ScriptedRecords.atOffsets(RAW, first.size(), second));

    EmittedPerBatch<String> emitted = run(script, RecordDecoders.matchingLines("error", false), 3);

    Function<SourceRecord, String> containsError =
        r -> {
          String line = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
          return line != null && line.contains("error") ? line : null;
        };
    // hasSize: the expectation is not empty, so the filter is exercised both ways.
    assertThat(emitted.at(1000))
        .containsExactlyElementsOf(expected(script.get(1000L), containsError))
        .hasSize(1);
    assertThat(emitted.at(2000))
        .containsExactlyElementsOf(expected(script.get(2000L), containsError))
        .hasSize(1);
    assertThat(emitted.at(3000)).as("a batch without input").isEmpty();
  }

  @Test
  void shouldForwardEachBatchsServerErrorsAsTheirLogLines() throws Exception {
    List<String> lines =
        List.of(
            AccessLogRecords.line("/a", 200),
            AccessLogRecords.line("/b", 503),
            AccessLogRecords.line("/c", 404),
            AccessLogRecords.line("/d", 500),
            AccessLogRecords.line("/e", 599));
    List<byte[]> first = new ArrayList<>();
    lines.subList(0, 4).forEach(line -> first.add(AccessLogRecords.framed(REGISTRY, EVENTS, line)));
    first.add(utf8("not avro")); // unreadable: dead-lettered by the job (ErrorLinesJobIT)
    first.add(null); // a tombstone, likewise
    List<byte[]> second = List.of(AccessLogRecords.framed(REGISTRY, EVENTS, lines.get(4)));
    Map<Long, List<SourceRecord>> script =
        Map.of(
            1000L, ScriptedRecords.atOffsets(EVENTS, 0, first),
            2000L, ScriptedRecords.atOffsets(EVENTS, first.size(), second));
    // Offset → the line its event was made from: a server error comes back as that line.
    Map<Long, String> eventLines =
        Map.of(
            0L,
            lines.get(0),
            1L,
            lines.get(1),
            2L,
            lines.get(2),
            3L,
            lines.get(3),
            6L,
            lines.get(4));

    EmittedPerBatch<String> emitted =
        run(script, RecordDecoders.serverErrors(Map.of("schema.registry.url", REGISTRY)), 2);

    Function<SourceRecord, String> serverError =
        r -> {
          String line = eventLines.get(r.offset());
          return line != null && AccessLogRecords.event(line).getStatus() >= 500 ? line : null;
        };
    assertThat(emitted.at(1000))
        .containsExactlyElementsOf(expected(script.get(1000L), serverError))
        .hasSize(2);
    assertThat(emitted.at(2000))
        .containsExactlyElementsOf(expected(script.get(2000L), serverError))
        .hasSize(1);
  }
}
