package dev.modelmonitor.producer.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of one ingest request: body size and batch length (over either: HTTP 413), features per
 * prediction and string length (as in the SDK), and how long to wait for Kafka's
 * acknowledgements.
 *
 * @param maxBodyBytes largest request body accepted
 * @param maxBatchLength most events in one request
 * @param maxFeatures most features per prediction (more: the record is rejected)
 * @param maxStringLength longer strings are cut to this many chars (counted)
 * @param sendTimeout how long to wait for the broker to acknowledge the batch
 */
public record IngestLimits(
    int maxBodyBytes, int maxBatchLength, int maxFeatures, int maxStringLength, Duration sendTimeout) {

  /** 1 MiB bodies, 1,000 events, 256 features, 1,024-char strings, 10 s to acknowledge. */
  public static final IngestLimits DEFAULTS =
      new IngestLimits(1024 * 1024, 1000, 256, 1024, Duration.ofSeconds(10));

  public IngestLimits {
    positive(maxBodyBytes, "max body bytes");
    positive(maxBatchLength, "max batch length");
    positive(maxFeatures, "max features");
    positive(maxStringLength, "max string length");
    Objects.requireNonNull(sendTimeout, "send timeout");
    if (sendTimeout.isNegative() || sendTimeout.isZero()) {
      throw new IllegalArgumentException("send timeout must be positive but was " + sendTimeout);
    }
  }

  private static void positive(int value, String what) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1 but was " + value);
    }
  }
}
