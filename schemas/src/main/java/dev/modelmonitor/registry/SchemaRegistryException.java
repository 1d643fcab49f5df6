package dev.modelmonitor.registry;

/**
 * A schema-registry request failed: the registry answered with an error (its HTTP status and
 * Confluent error code are kept), or it could not be reached (status 0).
 */
public class SchemaRegistryException extends RuntimeException {
  /** Confluent error code for an unknown subject. */
  public static final int SUBJECT_NOT_FOUND = 40401;
  /** Confluent error code for an unknown version. */
  public static final int VERSION_NOT_FOUND = 40402;
  /** Confluent error code for an unknown schema id. */
  public static final int SCHEMA_NOT_FOUND = 40403;
  /** Confluent error code (and HTTP status) for an incompatible schema. */
  public static final int INCOMPATIBLE_SCHEMA = 409;
  /** Confluent error code for an invalid schema. */
  public static final int INVALID_SCHEMA = 42201;

  private final int status;
  private final int errorCode;

  public SchemaRegistryException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.errorCode = 0;
  }

  /** HTTP status; 0 when the registry was not reached. */
  public int status() {
    return status;
  }

  /** Confluent error code such as {@link #SCHEMA_NOT_FOUND}; 0 when none was given. */
  public int errorCode() {
    return errorCode;
  }

  /** True when the registry could not be reached at all. */
  public boolean isUnreachable() {
    return status == 0;
  }
}
