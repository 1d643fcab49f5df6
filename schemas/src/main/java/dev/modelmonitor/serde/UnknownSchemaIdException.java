package dev.modelmonitor.serde;

/** The payload names a schema id the registry does not know (40403). */
public final class UnknownSchemaIdException extends WireFormatException {
  public UnknownSchemaIdException(String message) {
    super(message);
  }

  public UnknownSchemaIdException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String reason() {
    return "UNKNOWN_SCHEMA_ID";
  }
}
