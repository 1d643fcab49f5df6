package dev.modelmonitor.serde;

/** The payload ends before the header or the Avro value is complete. */
public final class TruncatedPayloadException extends WireFormatException {
  public TruncatedPayloadException(String message) {
    super(message);
  }

  public TruncatedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String reason() {
    return "TRUNCATED_PAYLOAD";
  }
}
