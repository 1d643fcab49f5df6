package dev.modelmonitor.local;

/** Kafka did not answer within the time allowed, or its address does not resolve. */
public final class KafkaUnreachableException extends RuntimeException {
  public KafkaUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
