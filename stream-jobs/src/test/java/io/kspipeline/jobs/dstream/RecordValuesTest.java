package io.kspipeline.jobs.dstream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.avro.AvroRows;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.schemas.avro.KeyCount;
import io.kspipeline.schemas.avro.RankEntry;
import io.kspipeline.schemas.avro.Ranking;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DStream jobs' values are byte for byte what the Structured sinks ({@link OutputFormat#encode}
 * in Spark) write for the same fields, in both formats.
 */
class RecordValuesTest {
  private static final Map<String, String> REGISTRY =
      Map.of("schema.registry.url", "mock://record-values-test");

  private static final Ranking RANKING =
      new Ranking(
          Instant.ofEpochMilli(1_700_000_000_123L),
          Instant.ofEpochMilli(1_700_000_300_000L),
          List.of(new RankEntry(1, "été \"quoted\"", 42L), new RankEntry(2, "kafka", 7L)));

  /** What the Structured sink writes for a one-row frame of the record's fields. */
  private static byte[] spark(OutputFormat format, Row fields, Schema schema, String topic) {
    List<Row> rows = List.of(fields);
    var frame = SparkTestSession.get().createDataFrame(rows, AvroRows.sparkSchemaOf(schema)).toDF();
    Column[] columns = schema.getFields().stream().map(f -> col(f.name())).toArray(Column[]::new);
    return (byte[])
        frame
            .select(format.encode(struct(columns), schema, topic, REGISTRY).cast("binary"))
            .first()
            .get(0);
  }

  private static byte[] dstream(OutputFormat format, GenericRecord record, String topic) {
    return RecordValues.of(format, record.getSchema(), topic, REGISTRY).encode(record);
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void shouldEncodeARankingAsTheStructuredSinkDoes(OutputFormat format) {
    Row fields =
        RowFactory.create(
            new Timestamp(1_700_000_000_123L),
            new Timestamp(1_700_000_300_000L),
            List.of(
                RowFactory.create(1, "été \"quoted\"", 42L), RowFactory.create(2, "kafka", 7L)));

    assertThat(dstream(format, RANKING, "rankings"))
        .isEqualTo(spark(format, fields, Ranking.getClassSchema(), "rankings"));
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void shouldEncodeAKeyCountAsTheStructuredSinkDoes(OutputFormat format) {
    assertThat(dstream(format, new KeyCount("ｋａｆｋａ", 3L), "totals"))
        .isEqualTo(
            spark(format, RowFactory.create("ｋａｆｋａ", 3L), KeyCount.getClassSchema(), "totals"));
  }

  @Test
  void shouldWriteJsonAsToJsonDoes() {
    assertThat(new String(dstream(OutputFormat.json, RANKING, "rankings"), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"windowStart\":\"2023-11-14T22:13:20.123Z\",\"windowEnd\":\"2023-11-14T22:18:20.000Z\","
                + "\"entries\":[{\"rank\":1,\"key\":\"été \\\"quoted\\\"\",\"count\":42},"
                + "{\"rank\":2,\"key\":\"kafka\",\"count\":7}]}");
  }
}
