package io.kspipeline.core.logs;

import java.io.Serializable;
import java.time.Instant;

/**
 * One access-log line, field by field. Every text field is null where the log has {@code -}; the
 * request parts are null when the request line is not {@code METHOD TARGET [PROTOCOL]} (the {@code
 * "-"} of a 408, TLS bytes sent to a plain-HTTP port).
 *
 * @param virtualHost the server name, as {@code host} or {@code host:port}
 * @param clientIp the client as logged: IPv4, IPv6 or a host name
 * @param timestamp when the request was received, as a UTC instant with second precision
 * @param contentSize response body bytes; null for {@code -}
 */
public record AccessLogRecord(
    String virtualHost,
    String clientIp,
    String ident,
    String userId,
    Instant timestamp,
    String method,
    String endpoint,
    String protocol,
    int status,
    Long contentSize,
    String referrer,
    String userAgent)
    implements Serializable {}
