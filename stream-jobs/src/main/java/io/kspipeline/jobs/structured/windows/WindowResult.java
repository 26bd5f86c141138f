package io.kspipeline.jobs.structured.windows;

import java.sql.Timestamp;

/**
 * What a counter emits (a Spark bean), one of four kinds: {@code count} — a key's updated count in
 * a window (or overall, without windows); {@code rank} — a place in an updated window's top N (per
 * shard until {@link WindowResults#rankedAcrossShards} ranks across shards); {@code late} — an
 * input record all of whose windows had closed; {@code dead} — an input record that could not be
 * read, with the reason. Late and dead results carry the record's original key, value and
 * provenance.
 */
public final class WindowResult extends RecordOrigin {
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

  public static WindowResult count(long start, long end, String countKey, long count) {
    return window(COUNT, start, end, countKey, count);
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
    r.setRecordTimestamp(e.getRecordTimestamp());
    r.setErrorClass(e.getErrorClass());
    r.setError(e.getError());
    return r;
  }

  public static WindowResult rank(long start, long end, String countKey, long count, int rank) {
    WindowResult r = window(RANK, start, end, countKey, count);
    r.rank = rank;
    return r;
  }

  /**
   * A place in a shard's top N of a window; {@code changed} false when the batch did not change the
   * key's count there, so no count row carries it: if the place survives the ranking across shards,
   * the table gets the key's count from it ({@link WindowResults#countRows}).
   */
  static WindowResult rank(
      long start, long end, String countKey, long count, int rank, boolean changed) {
    WindowResult r = rank(start, end, countKey, count, rank);
    r.changed = changed;
    return r;
  }

  static WindowResult late(WindowedEvent e) {
    return record(LATE, e);
  }

  private static WindowResult record(String kind, WindowedEvent e) {
    WindowResult r = new WindowResult();
    r.kind = kind;
    r.countKey = e.getCountKey();
    r.setKey(e.getKey());
    r.setValue(e.getValue());
    r.setTopic(e.getTopic());
    r.setPartition(e.getPartition());
    r.setOffset(e.getOffset());
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
}
