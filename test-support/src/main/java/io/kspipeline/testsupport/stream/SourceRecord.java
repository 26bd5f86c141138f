package io.kspipeline.testsupport.stream;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * A record as Spark's Kafka source gives it ({@code key, value, topic, partition, offset,
 * timestamp}), fed to a job through a memory stream (a Spark bean: fields match column names).
 */
public final class SourceRecord implements Serializable {
  private byte[] key;
  private byte[] value;
  private String topic;
  private int partition;
  private long offset;
  private Timestamp timestamp;

  public SourceRecord() {}

  SourceRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.key = key;
    this.value = value;
    this.timestamp = new Timestamp(0);
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

  public Timestamp getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(Timestamp timestamp) {
    this.timestamp = timestamp;
  }
}
