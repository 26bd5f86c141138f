package io.kspipeline.producer.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Live counts of a produce run; every line read ends up sent, dead-lettered or failed. */
public final class ProduceCounters {
  final AtomicLong read = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();
  private final LongAdder sendLatencyNanos = new LongAdder();
  private final LongAdder sendsCompleted = new LongAdder();

  public long read() {
    return read.get();
  }

  public long sent() {
    return sent.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Lines that were valid but held no record (stream control messages). */
  public long skipped() {
    return skipped.get();
  }

  public long bytes() {
    return bytes.get();
  }

  /** A send completed (acknowledged or failed) {@code nanos} after it was handed to the client. */
  void sendCompleted(long nanos) {
    sendLatencyNanos.add(nanos);
    sendsCompleted.increment();
  }

  /** Milliseconds from send to completion, summed over {@link #sendsCompleted()} sends. */
  public double sendLatencyMillis() {
    return sendLatencyNanos.sum() / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }

  public long sendsCompleted() {
    return sendsCompleted.sum();
  }
}
