package io.kspipeline.testsupport;

/**
 * The databases the JDBC sinks are tested on. H2 runs in the test JVM; the servers are used when
 * the environment gives their JDBC URL (as {@code .ci/run} does), e.g. {@code
 * PIPELINE_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres}.
 */
public enum DatabaseKind {
  H2(null),
  POSTGRESQL("PIPELINE_TEST_POSTGRES_URL"),
  MARIADB("PIPELINE_TEST_MARIADB_URL");

  private final String urlVariable;

  DatabaseKind(String urlVariable) {
    this.urlVariable = urlVariable;
  }

  /** The environment variable holding the server's URL; null for the embedded H2. */
  public String urlVariable() {
    return urlVariable;
  }

  /** The server URL from the environment (or a system property of the same name), or null. */
  public String configuredUrl() {
    if (urlVariable == null) {
      return null;
    }
    String url = System.getProperty(urlVariable, System.getenv(urlVariable));
    return url == null || url.isBlank() ? null : url;
  }
}
