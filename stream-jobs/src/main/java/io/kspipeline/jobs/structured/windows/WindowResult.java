package io.kspipeline.jobs.structured.windows;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * What the windowed counter emits (a Spark bean), one of three kinds: {@code count} — a key's
 * updated count in a window; {@code rank} — a place in an updated window's top N; {@code late} — an
 * input record all of whose windows had closed, with its original key, value and provenance.
 */
public final class WindowResult implements Serializable {
  public static final String COUNT = "count";
  public static final String RANK = "rank";
  public static final String LATE = "late";

  private String kind;
  private Timestamp windowStart;
  private Timestamp windowEnd;
  private String countKey;
  private long count;
  private int rank;
  private byte[] key;
  private byte[] value;
  private String topic;
  private int partition;
  private long offset;

  public static WindowResult count(long start, long end, String countKey, long count) {
    WindowResult r = window(COUNT, start, end, countKey, count);
    return r;
  }

  public static WindowResult rank(long start, long end, String countKey, long count, int rank) {
    WindowResult r = window(RANK, start, end, countKey, count);
    r.rank = rank;
    return r;
  }

  static WindowResult late(WindowedEvent e) {
    WindowResult r = new WindowResult();
    r.kind = LATE;
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
