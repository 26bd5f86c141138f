package io.kspipeline.testsupport;

/** Small edits of server JDBC URLs ({@code jdbc:<driver>://host:port/database?params}). */
final class JdbcUrls {
  private JdbcUrls() {}

  static String withParameter(String url, String name, String value) {
    return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
  }

  /** Replaces (or adds) the database path segment, keeping host, port and parameters. */
  static String withDatabase(String url, String database) {
    int hostStart = url.indexOf("//");
    if (hostStart < 0) {
      throw new IllegalArgumentException("not a server JDBC URL: " + url);
    }
    int query = url.indexOf('?', hostStart);
    String params = query < 0 ? "" : url.substring(query);
    String head = query < 0 ? url : url.substring(0, query);
    int pathStart = head.indexOf('/', hostStart + 2);
    String hostPart = pathStart < 0 ? head : head.substring(0, pathStart);
    return hostPart + "/" + database + params;
  }
}
