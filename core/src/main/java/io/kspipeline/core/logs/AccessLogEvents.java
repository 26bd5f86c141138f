package io.kspipeline.core.logs;

import io.kspipeline.schemas.avro.AccessLogEvent;

/** The Avro event of a parsed line: what producers publish and jobs read. */
public final class AccessLogEvents {
  private AccessLogEvents() {}

  public static AccessLogEvent toAvro(AccessLogRecord r) {
    return AccessLogEvent.newBuilder()
        .setVirtualHost(r.virtualHost())
        .setClientIp(r.clientIp())
        .setIdent(r.ident())
        .setUserId(r.userId())
        .setTimestamp(r.timestamp())
        .setMethod(r.method())
        .setEndpoint(r.endpoint())
        .setProtocol(r.protocol())
        .setStatus(r.status())
        .setContentSize(r.contentSize())
        .setReferrer(r.referrer())
        .setUserAgent(r.userAgent())
        .build();
  }
}
