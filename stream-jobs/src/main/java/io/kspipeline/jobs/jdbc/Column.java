package io.kspipeline.jobs.jdbc;

import java.io.Serializable;

/** A column of a result table. */
public record Column(String name, Type type) implements Serializable {
  /** Long enough for URL paths and hashtags used as keys, short enough for a MySQL index. */
  static final int KEY_TEXT_LENGTH = 512;

  /** The column types our results need. */
  public enum Type {
    INT,
    BIGINT,
    TIMESTAMP,
    KEY_TEXT
  }

  public static Column of(String name, Type type) {
    return new Column(name, type);
  }
}
