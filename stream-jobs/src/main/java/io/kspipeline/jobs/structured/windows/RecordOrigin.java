package io.kspipeline.jobs.structured.windows;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.List;

/**
 * The input record a counter's row stands for, carried so that a record diverted as late or dead
 * leaves with its original bytes and provenance: key, value, topic, partition, offset, the record's
 * own timestamp, and for a dead letter why it could not be read. Spark bean properties.
 */
public abstract class RecordOrigin implements Serializable {
  /** The columns a job carries for each input record so it can divert it as it came. */
  public static final List<String> COLUMNS =
      List.of(
          "key", "value", "topic", "partition", "offset", "recordTimestamp", "errorClass", "error");

  private byte[] key;
  private byte[] value;
  private String topic;
  private int partition;
  private long offset;
  private Timestamp recordTimestamp;
  private String errorClass;
  private String error;

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

  /** The input record's own (Kafka) timestamp, for dead letters; null where there is none. */
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
}
