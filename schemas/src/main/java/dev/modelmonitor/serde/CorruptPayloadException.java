package dev.modelmonitor.serde;

/** The Avro bytes cannot be decoded with the schema their id names. */
public final class CorruptPayloadException extends WireFormatException {
  public CorruptPayloadException(String message) {
    super(message);
  }

  public CorruptPayloadException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String reason() {
    return "CORRUPT_PAYLOAD";
  }
}
