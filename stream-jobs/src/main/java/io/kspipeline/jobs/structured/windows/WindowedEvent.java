package io.kspipeline.jobs.structured.windows;

import java.sql.Timestamp;

/**
 * What reaches a counter's state shard (a Spark bean: fields match column names), one of three
 * kinds: {@code event} — an input record's key at its event time, with a weight (how many records
 * it stands for) and its record's provenance; {@code tick} — sent by every input partition to every
 * shard so that each shard sees each batch and learns which slide buckets it touched ({@link
 * TouchedBuckets}); {@code dead} — an input record that could not be read, passed through to the
 * dead-letter output with the reason.
 */
public final class WindowedEvent extends RecordOrigin {
  public static final String EVENT = "event";
  public static final String TICK = "tick";
  public static final String DEAD = "dead";

  private String kind = EVENT;
  private long shard;
  private Timestamp eventTime;
  private String countKey;
  private long weight = 1;
  private long[] touched;
  private boolean firstOfRecord = true;

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public long getShard() {
    return shard;
  }

  public void setShard(long shard) {
    this.shard = shard;
  }

  public long getWeight() {
    return weight;
  }

  public void setWeight(long weight) {
    this.weight = weight;
  }

  /**
   * A tick's touched buckets as runs {@code [from, to, from, to, ...]} ({@link TouchedBuckets}).
   */
  public long[] getTouched() {
    return touched;
  }

  public void setTouched(long[] touched) {
    this.touched = touched;
  }

  /**
   * Whether this is the first event of its input record: a record with several keys (a tweet's
   * hashtags) becomes several events in as many shards, and only one of them diverts the record
   * when it is late.
   */
  public boolean isFirstOfRecord() {
    return firstOfRecord;
  }

  public void setFirstOfRecord(boolean firstOfRecord) {
    this.firstOfRecord = firstOfRecord;
  }

  boolean isTick() {
    return TICK.equals(kind);
  }

  boolean isDead() {
    return DEAD.equals(kind);
  }

  public Timestamp getEventTime() {
    return eventTime;
  }

  public void setEventTime(Timestamp eventTime) {
    this.eventTime = eventTime;
  }

  public String getCountKey() {
    return countKey;
  }

  public void setCountKey(String countKey) {
    this.countKey = countKey;
  }
}
