package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

class GracefulShutdownTest {
  @Test
  void shouldStopRunningQueriesAfterTheirCurrentBatchWithEverythingCommitted() throws Exception {
    MemoryStream<String> input =
        new MemoryStream<>(
            7, SparkTestSession.get().sqlContext(), Option.empty(), Encoders.STRING());
    StreamingQuery query =
        input.toDF().writeStream().format("memory").queryName("graceful_shutdown").start();
    input.addData(JavaConverters.asScalaBuffer(List.of("a", "b")).toSeq());
    query.processAllAvailable();

    GracefulShutdown.stopBetweenBatches(List.of(query));

    assertThat(query.isActive()).isFalse();
    assertThat(query.exception().isDefined()).isFalse();
    assertThat(SparkTestSession.get().table("graceful_shutdown").count()).isEqualTo(2);
  }
}
