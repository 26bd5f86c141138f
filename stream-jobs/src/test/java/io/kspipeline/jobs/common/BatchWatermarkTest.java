package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class BatchWatermarkTest {
  @Test
  void shouldGiveATaskTheWatermarkHandedOverForItsOwnBatchOnly() {
    assertThat(BatchWatermark.parse("12:1704067200000", "12")).hasValue(1704067200000L);
    assertThat(BatchWatermark.parse("12:-1", "12")).hasValue(-1L);
    assertThat(BatchWatermark.parse("11:1704067200000", "12"))
        .as("handed over in an earlier batch")
        .isEmpty();
    assertThat(BatchWatermark.parse(null, "12")).isEmpty();
    assertThat(BatchWatermark.parse("12:1704067200000", null)).isEmpty();
  }

  @Test
  void shouldHandNothingOverOutsideAMicroBatch() {
    SparkSession spark = SparkTestSession.get();
    BatchWatermark.handOver(spark);

    assertThat(spark.sparkContext().getLocalProperty("kspipeline.stateWatermark")).isNull();
    assertThat(BatchWatermark.inTask()).as("not in a task").isEqualTo(OptionalLong.empty());
  }
}
