package io.kspipeline.core.logs;

/** Where a LogFormat directive's value goes, and how it is read. */
enum Slot {
  VIRTUAL_HOST("virtual host"),
  PORT("port"),
  CLIENT("client"),
  IDENT("ident"),
  USER("user"),
  TIMESTAMP("timestamp"),
  REQUEST("request"),
  METHOD("method"),
  ENDPOINT("endpoint"),
  PROTOCOL("protocol"),
  STATUS("status"),
  CONTENT_SIZE("content size"),
  REFERRER("referrer"),
  USER_AGENT("user agent"),
  /** Logged but not part of the record (%D, %T, other headers ...): read past, shape unchecked. */
  IGNORED("ignored field");

  private final String description;

  Slot(String description) {
    this.description = description;
  }

  /** How rejection reasons name the field. */
  String description() {
    return description;
  }
}
