package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** A partition's results: every record sent and acknowledged before the step returns. */
class KafkaResultsTest {
  private static final KafkaResults.ToRecord<Tuple2<String, Long>> RECORD =
      t ->
          new ProducerRecord<>("totals", KafkaResults.utf8(t._1()), KafkaResults.utf8("" + t._2()));

  /** Sends complete only when flushed, as a real producer's may complete later. */
  private static MockProducer<byte[], byte[]> producer() {
    return new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Test
  void shouldSendEachResultAndReturnOnlyOnceAllAreAcknowledged() throws Exception {
    MockProducer<byte[], byte[]> producer = producer();
    List<Tuple2<String, Long>> totals = List.of(new Tuple2<>("kafka", 3L), new Tuple2<>("été", 1L));

    List<Tuple2<String, Long>> kept =
        KafkaResults.sendAll(totals.iterator(), producer, RECORD, true);

    assertThat(kept).isEqualTo(totals);
    assertThat(producer.flushed()).as("nothing left in flight").isTrue();
    assertThat(producer.history())
        .extracting(
            r ->
                r.topic()
                    + " "
                    + new String(r.key(), StandardCharsets.UTF_8)
                    + "="
                    + new String(r.value(), StandardCharsets.UTF_8))
        .containsExactly("totals kafka=3", "totals été=1");
  }

  @Test
  void shouldReturnNothingWhenTheDriverDoesNotNeedTheResults() throws Exception {
    MockProducer<byte[], byte[]> producer = producer();

    assertThat(
            KafkaResults.sendAll(
                List.of(new Tuple2<>("a", 1L)).iterator(), producer, RECORD, false))
        .isEmpty();
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void shouldFailWhenARecordWasNotAcknowledged() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            errorNext(new RecordTooLargeException("too large")); // the first send fails
            super.flush();
          }
        };
    List<Tuple2<String, Long>> totals = List.of(new Tuple2<>("a", 1L), new Tuple2<>("b", 2L));

    assertThatThrownBy(() -> KafkaResults.sendAll(totals.iterator(), producer, RECORD, true))
        .isInstanceOf(KafkaException.class)
        .hasMessage("a record to totals was not sent")
        .hasCauseInstanceOf(RecordTooLargeException.class);
  }

  @Test
  void shouldKeepANullKeyNull() {
    assertThat(KafkaResults.utf8(null)).isNull();
    assertThat(KafkaResults.utf8("é")).isEqualTo(new byte[] {(byte) 0xC3, (byte) 0xA9});
  }
}
