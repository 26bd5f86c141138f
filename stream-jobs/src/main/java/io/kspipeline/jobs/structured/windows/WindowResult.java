package io.kspipeline.jobs.structured.windows;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * What a counter emits (a Spark bean), one of four kinds: {@code count} — a key's updated count in
 * a window (or overall, without windows); {@code rank} — a place in an updated window's top N (per
 * shard until {@link WindowResults#combined} ranks across shards); {@code late} — an input record
 * all of whose windows had closed; {@code dead} — an input record that could not be read, with the
 * reason. Late and dead results carry the record's original key, value and provenance.
 */
public final class WindowResult implements Serializable {
  public static final String COUNT = "count";
  public static final String RANK = "rank";
  public static final String LATE = "late";
  public static final String DEAD = "dead";

  private String kind;
  private Timestamp windowStart;
  private Timestamp windowEnd;
  private String countKey;
  private long count;
  private int rank;
  private boolean changed = true;
  private Timestamp recordTimestamp;
  private String errorClass;
  private String error;
  private byte[] key;
  private byte[] value;
  private String topic;
  private int partition;
  private long offset;

  public static WindowResult count(long start, long end, String countKey, long count) {
    return window(COUNT, start, end, countKey, count);
  }

  /**
   * A count row; {@code changed} false for one written only because the key is in its shard's top N
   * of the window (kept if it is in the window's top N across shards).
   */
  static WindowResult count(long start, long end, String countKey, long count, boolean changed) {
    WindowResult r = window(COUNT, start, end, countKey, count);
    r.changed = changed;
    return r;
  }

  /** A running total of a key, without windows. */
  static WindowResult total(String countKey, long count) {
    WindowResult r = new WindowResult();
    r.kind = COUNT;
    r.countKey = countKey;
    r.count = count;
    return r;
  }

  static WindowResult dead(WindowedEvent e) {
    WindowResult r = record(DEAD, e);
    r.recordTimestamp = e.getRecordTimestamp();
    r.errorClass = e.getErrorClass();
    r.error = e.getError();
    return r;
  }

  public static WindowResult rank(long start, long end, String countKey, long count, int rank) {
    WindowResult r = window(RANK, start, end, countKey, count);
    r.rank = rank;
    return r;
  }

  static WindowResult late(WindowedEvent e) {
    return record(LATE, e);
  }

  private static WindowResult record(String kind, WindowedEvent e) {
    WindowResult r = new WindowResult();
    r.kind = kind;
    r.countKey = e.getCountKey();
    r.key = e.getKey();
    r.value = e.getValue();
    r.topic = e.getTopic();
    r.partition = e.getPartition();
    r.offset = e.getOffset();
    return r;
  }

  private static WindowResult window(
      String kind, long start, long end, String countKey, long count) {
    WindowResult r = new WindowResult();
    r.kind = kind;
    r.windowStart = new Timestamp(start);
    r.windowEnd = new Timestamp(end);
    r.countKey = countKey;
    r.count = count;
    return r;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public Timestamp getWindowStart() {
    return windowStart;
  }

  public void setWindowStart(Timestamp windowStart) {
    this.windowStart = windowStart;
  }

  public Timestamp getWindowEnd() {
    return windowEnd;
  }

  public void setWindowEnd(Timestamp windowEnd) {
    this.windowEnd = windowEnd;
  }

  public String getCountKey() {
    return countKey;
  }

  public void setCountKey(String countKey) {
    this.countKey = countKey;
  }

  public long getCount() {
    return count;
  }

  public void setCount(long count) {
    this.count = count;
  }

  public int getRank() {
    return rank;
  }

  public void setRank(int rank) {
    this.rank = rank;
  }

  public boolean isChanged() {
    return changed;
  }

  public void setChanged(boolean changed) {
    this.changed = changed;
  }

  public Timestamp getRecordTimestamp() {
    return recordTimestamp;
  }

  public void setRecordTimestamp(Timestamp recordTimestamp) {
    this.recordTimestamp = recordTimestamp;
  }

  public String getErrorClass() {
    return errorClass;
  }

  public void setErrorClass(String errorClass) {
    this.errorClass = errorClass;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  public byte[] getKey() {
    return key;
  }

  public void setKey(byte[] key) {
    this.key = key;
  }

  public byte[] getValue() {
    return value;
  }

  public void setValue(byte[] value) {
    this.value = value;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public int getPartition() {
    return partition;
  }

  public void setPartition(int partition) {
    this.partition = partition;
  }

  public long getOffset() {
    return offset;
  }

  public void setOffset(long offset) {
    this.offset = offset;
  }
}
