package dev.modelmonitor.producer.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning logged at most once a minute, with the number of occurrences since the last one: an
 * outage must show in the app's log without flooding it. Thread-safe.
 */
final class ThrottledLog {
  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Logger log;
  private final AtomicLong last = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
  private final AtomicLong suppressed = new AtomicLong();

  ThrottledLog(Logger log) {
    this.log = log;
  }

  /** The exception and, when it wraps another, the root cause, which usually says what is wrong. */
  static String describe(Throwable cause) {
    if (cause == null) {
      return "";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == cause ? cause.toString() : cause + " (caused by " + root + ")";
  }

  void warn(String message, Throwable cause) {
    long now = System.nanoTime();
    long previous = last.get();
    if (now - previous >= INTERVAL_NANOS && last.compareAndSet(previous, now)) {
      long more = suppressed.getAndSet(0);
      String suffix = more > 0 ? " (" + more + " similar since the last warning)" : "";
      log.warn("{}: {}{}", message, describe(cause), suffix);
    } else {
      suppressed.incrementAndGet();
    }
  }
}
