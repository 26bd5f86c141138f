package io.kspipeline.jobs.jdbc;

import java.io.Serializable;

/** A column of a result table. */
public record Column(String name, Type type) implements Serializable {
  /** Long enough for our own query and job names; they are keys as they are. */
  static final int NAME_LENGTH = 512;

  /**
   * A text column reported narrower than this (the previous version made them VARCHAR(512)) is
   * widened at start: the longest request line Apache accepts by default (LimitRequestLine).
   */
  static final int TEXT_MIN_LENGTH = 8190;

  /** The column types our results need. */
  public enum Type {
    INT,
    BIGINT,
    TIMESTAMP,
    /**
     * Text of any length, such as a URL path or a hashtag. As a key column, the primary key holds
     * its {@link TextKeyHash} instead, so no index limits its length.
     */
    TEXT,
    /** One of our own short names, at most {@link #NAME_LENGTH} characters, keyed as it is. */
    NAME
  }

  public static Column of(String name, Type type) {
    return new Column(name, type);
  }
}
