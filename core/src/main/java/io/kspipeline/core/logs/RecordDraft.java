package io.kspipeline.core.logs;

import java.time.Instant;

/** The fields of one line as they are read, before they become an immutable record. */
final class RecordDraft {
  String virtualHost;
  String port;
  String clientIp;
  String ident;
  String userId;
  long epochSecond;
  String method;
  String endpoint;
  String protocol;
  int status;
  Long contentSize;
  String referrer;
  String userAgent;

  void setText(Slot slot, String value) {
    switch (slot) {
      case VIRTUAL_HOST -> virtualHost = value;
      case PORT -> port = value;
      case CLIENT -> clientIp = value;
      case IDENT -> ident = value;
      case USER -> userId = value;
      case METHOD -> method = value;
      case ENDPOINT -> endpoint = value;
      case PROTOCOL -> protocol = value;
      case REFERRER -> referrer = value;
      case USER_AGENT -> userAgent = value;
      default -> {
        // IGNORED, and slots with their own readers, take no text.
      }
    }
  }

  AccessLogRecord toRecord() {
    // A separately logged port (%v:%p) joins the host, the shape an auto-detected vhost has.
    String host = virtualHost != null && port != null ? virtualHost + ":" + port : virtualHost;
    return new AccessLogRecord(
        host,
        clientIp,
        ident,
        userId,
        Instant.ofEpochSecond(epochSecond),
        method,
        endpoint,
        protocol,
        status,
        contentSize,
        referrer,
        userAgent);
  }
}
