package io.kspipeline.jobs.dstream;

import java.nio.charset.StandardCharsets;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The seed's first example, {@code lines.filter(_.contains("error")).print()}, on Kafka: the lines
 * (or server-error events) a decoder kept, each with the coordinates of the record it came from.
 */
public final class ErrorLinesJob {
  public static final String NAME = "error-lines";

  private ErrorLinesJob() {}

  /** Error lines keyed by {@code topic/partition/offset} (null for a socket's lines). */
  public static JavaPairDStream<String, String> errorLines(JavaDStream<KeyedRecord> records) {
    return records
        .filter(r -> !r.isRejected() && !r.keys().isEmpty())
        .mapToPair(
            r ->
                new Tuple2<>(
                    r.source().offset() < 0 ? null : r.source().coordinates(), r.keys().get(0)));
  }

  /** A socket's line as a record without Kafka coordinates. */
  static SourceRecord fromSocket(String source, String line) {
    return new SourceRecord(source, -1, -1, -1, null, line.getBytes(StandardCharsets.UTF_8));
  }
}
