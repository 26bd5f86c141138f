package io.kspipeline.producer.run;

import java.util.concurrent.atomic.AtomicLong;

/** Live counts of a produce run; every line read ends up sent, dead-lettered or failed. */
public final class ProduceCounters {
  final AtomicLong read = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();

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
}
