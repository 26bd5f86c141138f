package io.kspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.schemas.SampleRecords;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The writer reuses one buffer and encoder per thread: frames written by many threads at once,
 * after a record that failed half-way, and after a record larger than the kept buffer must each
 * decode to exactly their own record.
 */
class FramedAvroWriterTest {
  private final SchemaRegistry registry = SchemaRegistries.connect("mock://framed-writer");
  private final int id = registry.register("access-logs-value", AccessLogEvent.getClassSchema());
  private final FramedAvroWriter writer = new FramedAvroWriter(id, AccessLogEvent.getClassSchema());
  private final ConfluentAvroDeserializer<AccessLogEvent> reader =
      ConfluentAvroDeserializer.forClass(registry, AccessLogEvent.class);

  private static AccessLogEvent event(String endpoint) {
    return AccessLogEvent.newBuilder(SampleRecords.accessLogEvent()).setEndpoint(endpoint).build();
  }

  @Test
  void shouldWriteEachThreadsRecordsIntactWhenThreadsWriteAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String thread = "/t" + t + "/";
        results.add(
            pool.submit(
                () -> {
                  List<String> mismatches = new ArrayList<>();
                  for (int i = 0; i < 2_000; i++) {
                    String endpoint = thread + "x".repeat(i % 300) + i;
                    AccessLogEvent back =
                        reader.deserialize("access-logs", writer.write(event(endpoint)));
                    if (!back.equals(event(endpoint))) {
                      mismatches.add(endpoint + " came back as " + back.getEndpoint());
                    }
                  }
                  return mismatches;
                }));
      }
      for (Future<List<String>> result : results) {
        assertThat(result.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldWriteCleanFramesAfterARecordThatFailedHalfWay() {
    AccessLogEvent broken = event("/first-fields-are-written");
    broken.put("timestamp", null); // required: the write fails after the four fields before it

    assertThatThrownBy(() -> writer.write(broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("AccessLogEvent");
    AccessLogEvent next = event("/next");
    assertThat(reader.deserialize("access-logs", writer.write(next))).isEqualTo(next);
  }

  @Test
  void shouldWriteSmallRecordsRightAfterOneLargerThanTheKeptBuffer() throws Exception {
    AccessLogEvent huge = event("/" + "h".repeat(2 << 20));
    AccessLogEvent small = event("/small");

    assertThat(reader.deserialize("access-logs", writer.write(huge))).isEqualTo(huge);
    byte[] frame = writer.write(small);
    assertThat(reader.deserialize("access-logs", frame)).isEqualTo(small);
    // Byte for byte what a thread that never wrote the huge record makes: nothing left over.
    ExecutorService freshThread = Executors.newSingleThreadExecutor();
    try {
      assertThat(frame).isEqualTo(freshThread.submit(() -> writer.write(small)).get());
    } finally {
      freshThread.shutdown();
    }
  }
}
