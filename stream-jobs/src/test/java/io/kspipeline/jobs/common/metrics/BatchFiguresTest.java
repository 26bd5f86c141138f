package io.kspipeline.jobs.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Progress reports as Spark 3.5 writes them, read into batch figures. */
class BatchFiguresTest {
  /** A Kafka source on two topics, two stateful operators, a watermark and job counters. */
  private static final String KAFKA_PROGRESS =
      """
      {
        "id" : "5f1c0a4e-0000-0000-0000-000000000001",
        "runId" : "5f1c0a4e-0000-0000-0000-000000000002",
        "name" : "top-urls",
        "timestamp" : "2024-05-01T10:00:00.000Z",
        "batchId" : 7,
        "numInputRows" : 120,
        "inputRowsPerSecond" : 12.5,
        "processedRowsPerSecond" : 240.0,
        "durationMs" : { "addBatch" : 400, "latestOffset" : 20, "triggerExecution" : 500 },
        "eventTime" : {
          "avg" : "2016-12-26T14:16:00.000Z",
          "max" : "2016-12-26T14:17:29.000Z",
          "min" : "2016-12-26T14:15:29.000Z",
          "watermark" : "2016-12-26T14:16:29.000Z"
        },
        "stateOperators" : [ {
          "operatorName" : "stateStoreSave",
          "numRowsTotal" : 30,
          "numRowsUpdated" : 4,
          "numRowsDroppedByWatermark" : 2
        }, {
          "operatorName" : "dedupe",
          "numRowsTotal" : 12,
          "numRowsUpdated" : 1,
          "numRowsDroppedByWatermark" : 1
        } ],
        "sources" : [ {
          "description" : "KafkaV2[Subscribe[access-logs,other]]",
          "startOffset" : { "access-logs" : { "0" : 10, "1" : 20 }, "other" : { "0" : 0 } },
          "endOffset" : { "access-logs" : { "0" : 50, "1" : 60 }, "other" : { "0" : 40 } },
          "latestOffset" : { "access-logs" : { "0" : 55, "1" : 60, "2" : 3 }, "other" : { "0" : 41 } },
          "numInputRows" : 120,
          "inputRowsPerSecond" : 12.5,
          "processedRowsPerSecond" : 240.0,
          "metrics" : { "maxOffsetsBehindLatest" : "5" }
        } ],
        "sink" : { "description" : "ForeachBatchSink", "numOutputRows" : -1 },
        "observedMetrics" : {
          "pipeline_late" : { "records" : 4 },
          "pipeline_dead_lettered" : { "records" : 6 }
        }
      }
      """;

  @Test
  void shouldReadTheFiguresOfAKafkaQuery() {
    BatchFigures figures = BatchFigures.fromProgressJson(KAFKA_PROGRESS);

    assertThat(figures.query()).isEqualTo("top-urls");
    assertThat(figures.batchId()).isEqualTo(7);
    assertThat(figures.inputRows()).isEqualTo(120);
    assertThat(figures.inputRowsPerSecond()).isEqualTo(12.5);
    assertThat(figures.processedRowsPerSecond()).isEqualTo(240.0);
    assertThat(figures.batchDurationMs()).isEqualTo(500);
    assertThat(figures.stateRows()).isEqualTo(42);
    assertThat(figures.watermark()).isEqualTo(Instant.parse("2016-12-26T14:16:29Z"));
    // 5 + 0 on access-logs 0/1, 3 on its new partition 2, 1 on other.
    assertThat(figures.consumerLag()).isEqualTo(9);
    // 3 dropped by the stateful operators, 4 diverted by the job.
    assertThat(figures.lateRows()).isEqualTo(7);
    assertThat(figures.deadLetteredRows()).isEqualTo(6);
    // Every offset from start to end was read.
    assertThat(figures.lostOffsets()).isZero();
  }

  @Test
  void shouldCountTheOffsetsABatchSkippedAsLost() {
    // Offsets 5..14 of raw-0 aged out while the query was stopped; it read 15..17 and 30..31.
    String progress =
        """
        {
          "id" : "5f1c0a4e-0000-0000-0000-000000000004",
          "name" : "status-counts",
          "batchId" : 1,
          "numInputRows" : 5,
          "durationMs" : { "triggerExecution" : 900 },
          "sources" : [ {
            "description" : "KafkaV2[Subscribe[raw]]",
            "startOffset" : { "raw" : { "0" : 5, "1" : 30 } },
            "endOffset" : { "raw" : { "0" : 18, "1" : 32, "2" : 4 } },
            "latestOffset" : { "raw" : { "0" : 18, "1" : 32, "2" : 4 } },
            "numInputRows" : 5
          } ]
        }
        """;

    BatchFigures figures = BatchFigures.fromProgressJson(progress);

    // 13 + 2 offsets covered on the partitions with a start, 5 rows read (partition 2 is new
    // in this batch: where it started is unknown, so it counts as read in full).
    assertThat(figures.lostOffsets()).isEqualTo(10);
    assertThat(figures.logLine()).endsWith(" lostOffsets=10");
  }

  @Test
  void shouldLeaveOutWhatAStatelessNonKafkaFirstBatchDoesNotHave() {
    String progress =
        """
        {
          "id" : "5f1c0a4e-0000-0000-0000-000000000003",
          "name" : null,
          "batchId" : 0,
          "numInputRows" : 3,
          "durationMs" : { "triggerExecution" : 1500 },
          "eventTime" : { },
          "stateOperators" : [ ],
          "sources" : [ {
            "description" : "FileStreamSource[file:/logs]",
            "startOffset" : null,
            "endOffset" : { "logOffset" : 0 },
            "latestOffset" : null,
            "numInputRows" : 3
          } ],
          "sink" : { "description" : "MemorySink", "numOutputRows" : 3 }
        }
        """;

    BatchFigures figures = BatchFigures.fromProgressJson(progress);

    assertThat(figures.query()).isEqualTo("5f1c0a4e-0000-0000-0000-000000000003");
    assertThat(figures.inputRowsPerSecond()).isNaN();
    assertThat(figures.processedRowsPerSecond()).isNaN();
    assertThat(figures.batchDurationMs()).isEqualTo(1500);
    assertThat(figures.stateRows()).isZero();
    assertThat(figures.watermark()).isNull();
    assertThat(figures.consumerLag()).isNull();
    assertThat(figures.lateRows()).isZero();
    assertThat(figures.deadLetteredRows()).isZero();
    assertThat(figures.lostOffsets()).isZero();
  }

  @Test
  void shouldLogOneLineWithEveryFigure() {
    String line = BatchFigures.fromProgressJson(KAFKA_PROGRESS).logLine();

    assertThat(line)
        .doesNotContain("\n")
        .isEqualTo(
            "batch query=top-urls id=7 inputRows=120 inputRowsPerSec=12.5"
                + " processedRowsPerSec=240.0 durationMs=500 stateRows=42"
                + " watermark=2016-12-26T14:16:29Z lag=9 late=7 deadLettered=6 lostOffsets=0");
  }
}
