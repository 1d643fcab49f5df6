package dev.modelmonitor.serde;

/** The first byte is not the Confluent magic byte 0: the bytes were not written by a schema-registry serializer. */
public final class MissingMagicByteException extends WireFormatException {
  public MissingMagicByteException(String message) {
    super(message);
  }

  public MissingMagicByteException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String reason() {
    return "MISSING_MAGIC_BYTE";
  }
}
