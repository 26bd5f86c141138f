package io.kspipeline.schemas.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * A registry call that got no HTTP answer at all, after every retry: nothing listens at the URL,
 * the host is unknown, or it did not answer in time. Unlike an error answer, this usually means the
 * registry is not running or the URL is wrong.
 */
public final class SchemaRegistryUnreachableException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final String reason;

  /**
   * @param url the registry URL as configured
   * @param request the failed call, e.g. {@code POST http://r:8081/subjects/x/versions}
   */
  public SchemaRegistryUnreachableException(String url, String request, IOException cause) {
    super(request + " failed: " + cause, cause);
    this.url = url;
    this.reason = reasonOf(cause);
  }

  /** The registry URL as configured (a comma-separated list when several). */
  public String url() {
    return url;
  }

  /** Why, in a few words: {@code could not connect}, {@code unknown host}, {@code timed out}. */
  public String reason() {
    return reason;
  }

  private static String reasonOf(IOException failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (t instanceof HttpTimeoutException) {
        return "timed out";
      }
    }
    return failure instanceof ConnectException ? "could not connect" : String.valueOf(failure);
  }
}
