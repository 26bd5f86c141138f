package io.kspipeline.core.jdbc;

/**
 * Small edits of server JDBC URLs ({@code jdbc:<driver>://host:port/database?params}): the tests
 * and {@code verify} give each run a database of its own on a shared server, and {@code verify}
 * reroutes the jobs through a proxy.
 */
public final class JdbcUrls {
  private JdbcUrls() {}

  public static String withParameter(String url, String name, String value) {
    return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
  }

  /** Replaces (or adds) the database path segment, keeping host, port and parameters. */
  public static String withDatabase(String url, String database) {
    int hostStart = hostStart(url);
    int query = url.indexOf('?', hostStart);
    String params = query < 0 ? "" : url.substring(query);
    String head = query < 0 ? url : url.substring(0, query);
    int pathStart = head.indexOf('/', hostStart);
    String hostPart = pathStart < 0 ? head : head.substring(0, pathStart);
    return hostPart + "/" + database + params;
  }

  /** The server part, {@code host} or {@code host:port}, as written in the URL. */
  public static String server(String url) {
    int hostStart = hostStart(url);
    return url.substring(hostStart, serverEnd(url, hostStart));
  }

  /** The same URL on another server ({@code host:port}), e.g. a proxy in front of it. */
  public static String withServer(String url, String server) {
    int hostStart = hostStart(url);
    return url.substring(0, hostStart) + server + url.substring(serverEnd(url, hostStart));
  }

  /** The URL without its parameters (or H2's settings), which may hold credentials: to show. */
  public static String withoutParameters(String url) {
    int hostStart = hostStart(url);
    for (int i = hostStart; i < url.length(); i++) {
      if ("?;".indexOf(url.charAt(i)) >= 0) {
        return url.substring(0, i);
      }
    }
    return url;
  }

  private static int hostStart(String url) {
    int slashes = url.indexOf("//");
    if (!url.startsWith("jdbc:") || slashes < 0) {
      throw new IllegalArgumentException("not a server JDBC URL: " + url);
    }
    return slashes + 2;
  }

  /** Where the server part ends: at the path, the parameters (or H2's settings), or the end. */
  private static int serverEnd(String url, int hostStart) {
    for (int i = hostStart; i < url.length(); i++) {
      if ("/?;".indexOf(url.charAt(i)) >= 0) {
        return i;
      }
    }
    return url.length();
  }
}
