package dev.modelmonitor.producer;

import java.time.Duration;
import java.util.Objects;

/**
 * What a recording call does when the event buffer is full, that is when Kafka is slower than
 * the app or down for longer than the buffer covers.
 *
 * <ul>
 *   <li>{@link #DROP_NEWEST} (default): the new event is dropped; the call returns at once.
 *   <li>{@link #DROP_OLDEST}: the oldest buffered event is dropped to make room; the call returns
 *       at once. Keeps the freshest picture of the model after an outage.
 *   <li>{@link #block(Duration)}: the call waits up to the given time for room, then drops the new
 *       event. Trades caller latency for fewer drops.
 * </ul>
 *
 * Drops are counted under {@code modelmonitor.sdk.dropped{reason=buffer_full}}.
 */
public final class DropPolicy {
  /** The kinds of policy. */
  public enum Kind {
    DROP_NEWEST,
    DROP_OLDEST,
    BLOCK
  }

  /** Drop the event being recorded. */
  public static final DropPolicy DROP_NEWEST = new DropPolicy(Kind.DROP_NEWEST, Duration.ZERO);

  /** Drop the oldest buffered event to make room for the new one. */
  public static final DropPolicy DROP_OLDEST = new DropPolicy(Kind.DROP_OLDEST, Duration.ZERO);

  private final Kind kind;
  private final Duration maxBlock;

  private DropPolicy(Kind kind, Duration maxBlock) {
    this.kind = kind;
    this.maxBlock = maxBlock;
  }

  /**
   * Wait up to {@code maxBlock} for room in the buffer, then drop the new event.
   *
   * @throws IllegalArgumentException when {@code maxBlock} is negative or over one minute
   */
  public static DropPolicy block(Duration maxBlock) {
    Objects.requireNonNull(maxBlock, "maxBlock");
    if (maxBlock.isNegative() || maxBlock.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          "block time must be between 0 and 1 minute but was " + maxBlock);
    }
    return new DropPolicy(Kind.BLOCK, maxBlock);
  }

  public Kind kind() {
    return kind;
  }

  /** How long a recording call may wait for room; zero except for {@link Kind#BLOCK}. */
  public Duration maxBlock() {
    return maxBlock;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DropPolicy other && kind == other.kind && maxBlock.equals(other.maxBlock);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, maxBlock);
  }

  @Override
  public String toString() {
    return kind == Kind.BLOCK ? "BLOCK(" + maxBlock.toMillis() + "ms)" : kind.name();
  }
}
