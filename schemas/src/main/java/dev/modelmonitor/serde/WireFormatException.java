package dev.modelmonitor.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that cannot be read as a value: the base of the specific reasons, each with a short
 * {@link #reason()} code used in dead letters and metrics.
 */
public abstract class WireFormatException extends SerializationException {
  WireFormatException(String message) {
    super(message);
  }

  WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable code for dead letters and metric tags, such as {@code UNKNOWN_SCHEMA_ID}. */
  public abstract String reason();
}
