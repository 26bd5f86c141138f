package io.kspipeline.schemas.registry;

/**
 * A failed registry call, with the registry's own error code and message (Confluent codes: 40401
 * subject not found, 40402 version not found, 40403 schema not found, 409 incompatible schema,
 * 42201 invalid schema, 50001+ server errors).
 */
public class SchemaRegistryException extends RuntimeException {
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;

  private final int httpStatus;
  private final int errorCode;
  private final String registryMessage;

  public SchemaRegistryException(int httpStatus, int errorCode, String message) {
    super(message + " (HTTP " + httpStatus + ", error code " + errorCode + ")");
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.registryMessage = message;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
    this.registryMessage = message;
  }

  /** The message as a registry states it in its error answer, without the status and code. */
  public String registryMessage() {
    return registryMessage;
  }

  /** HTTP status of the failed call; -1 when no response came (connection, timeout). */
  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  public boolean isNotFound() {
    return httpStatus == 404;
  }

  /**
   * Whether {@code failure} (or a cause of it) says the registry could not serve, after the
   * client's retries — no answer, a server error, throttling — rather than that a record is wrong
   * (an unknown schema id, a schema that does not match). A record is not to be set aside as a dead
   * letter for the registry's outage: the batch fails, and the job resumes from its checkpoint.
   */
  public static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SchemaRegistryUnreachableException) {
        return true;
      }
      if (t instanceof SchemaRegistryException e && (e.httpStatus >= 500 || e.httpStatus == 429)) {
        return true;
      }
    }
    return false;
  }
}
