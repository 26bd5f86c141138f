package io.kspipeline.producer.run;

import io.kspipeline.producer.source.InputLine;
import io.kspipeline.producer.source.LineSource;
import io.kspipeline.schemas.avro.DeadLetter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The loop every producer runs: read a line, encode it, pace, send it (or its dead letter); flush
 * and checkpoint the source every few seconds and at the end. A stop request (SIGTERM) ends the
 * loop between lines, so every line read is sent and flushed before the process exits.
 */
public final class ProduceRun {
  private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final LineSource source;
  private final RecordEncoder encoder;
  private final Producer<byte[], byte[]> producer;
  private final Serializer<DeadLetter> deadLetterSerializer;
  private final String topic;
  private final String deadLetterTopic;
  private final String stage;
  private final Pacer pacer;
  private final ProduceCounters counters;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private volatile boolean stopping;

  public ProduceRun(
      LineSource source,
      RecordEncoder encoder,
      Producer<byte[], byte[]> producer,
      Serializer<DeadLetter> deadLetterSerializer,
      String topic,
      String deadLetterTopic,
      String stage,
      Pacer pacer,
      ProduceCounters counters) {
    this.source = source;
    this.encoder = encoder;
    this.producer = producer;
    this.deadLetterSerializer = deadLetterSerializer;
    this.topic = topic;
    this.deadLetterTopic = deadLetterTopic;
    this.stage = stage;
    this.pacer = pacer;
    this.counters = counters;
  }

  public void run() throws IOException {
    long lastCheckpoint = System.nanoTime();
    InputLine line;
    while (!stopping && (line = source.next()) != null) {
      counters.read.incrementAndGet();
      counters.bytes.addAndGet(line.text().length());
      Encoded encoded = encoder.encode(line);
      if (encoded instanceof Encoded.Record record) {
        pacer.await(record.eventTime());
        send(record);
      } else if (encoded instanceof Encoded.Records many) {
        pacer.await(many.eventTime());
        many.records().forEach(this::send);
      } else if (encoded instanceof Encoded.Skipped) {
        counters.skipped.incrementAndGet();
      } else {
        sendDeadLetter(line, (Encoded.Rejected) encoded);
      }
      if (System.nanoTime() - lastCheckpoint > CHECKPOINT_NANOS) {
        checkpoint();
        lastCheckpoint = System.nanoTime();
      }
    }
    checkpoint();
  }

  /** Flushes what was sent, then lets the source remember how far it got. */
  private void checkpoint() throws IOException {
    producer.flush();
    if (counters.failed() == 0) {
      source.checkpoint();
    }
  }

  private void send(Encoded.Record record) {
    producer.send(
        new ProducerRecord<>(topic, record.key(), record.value()), counting(counters.sent));
  }

  private void sendDeadLetter(InputLine line, Encoded.Rejected rejected) {
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceLocation(line.location())
            .setStage(stage)
            .setErrorClass(rejected.errorClass())
            .setErrorMessage(rejected.errorMessage())
            .setPayload(ByteBuffer.wrap(line.text().getBytes(StandardCharsets.UTF_8)))
            .build();
    byte[] value = deadLetterSerializer.serialize(deadLetterTopic, letter);
    producer.send(
        new ProducerRecord<>(deadLetterTopic, null, value), counting(counters.deadLettered));
  }

  private Callback counting(AtomicLong success) {
    long sent = System.nanoTime();
    return (metadata, error) -> {
      counters.sendCompleted(System.nanoTime() - sent);
      if (error == null) {
        success.incrementAndGet();
      } else {
        counters.failed.incrementAndGet();
        firstFailure.compareAndSet(null, error);
      }
    };
  }

  /** Asks the loop to end after the current line; {@link #run()} then flushes and returns. */
  public void requestStop() {
    stopping = true;
    source.stop();
  }

  public Exception firstFailure() {
    return firstFailure.get();
  }
}
