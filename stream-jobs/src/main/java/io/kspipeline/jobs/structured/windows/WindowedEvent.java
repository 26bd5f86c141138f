package io.kspipeline.jobs.structured.windows;

import java.io.Serializable;
import java.sql.Timestamp;

/** An input event assigned to one of its windows (a Spark bean: fields match column names). */
public final class WindowedEvent implements Serializable {
  private long windowStart;
  private Timestamp eventTime;
  private String countKey;
  private byte[] key;
  private byte[] value;
  private String topic;
  private int partition;
  private long offset;

  public long getWindowStart() {
    return windowStart;
  }

  public void setWindowStart(long windowStart) {
    this.windowStart = windowStart;
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
