package dev.modelmonitor.producer;

/**
 * Why an event was not delivered: the {@code reason} tag of {@code modelmonitor.sdk.dropped}.
 * Every recorded event ends up either sent (acknowledged by the broker) or dropped for exactly
 * one of these reasons.
 */
public enum DropReason {
  /** The buffer was full and the {@link DropPolicy} gave up on the event (or on an older one). */
  BUFFER_FULL("buffer_full"),
  /** Kafka did not acknowledge the event within the producer's delivery timeout. */
  SEND_FAILED("send_failed"),
  /** The event itself was unusable: too many features, a blank request id for a label, a null. */
  INVALID("invalid"),
  /** The event could not be serialized, or the registry rejected its schema. */
  SERIALIZATION("serialization"),
  /** Recorded after {@link ModelMonitor#close()}, or still buffered when the close timeout ran out. */
  CLOSED("closed"),
  /** An unexpected failure inside the SDK; the caller never sees it. */
  ERROR("error");

  private final String tag;

  DropReason(String tag) {
    this.tag = tag;
  }

  /** The metric tag value, for example {@code buffer_full}. */
  public String tag() {
    return tag;
  }
}
