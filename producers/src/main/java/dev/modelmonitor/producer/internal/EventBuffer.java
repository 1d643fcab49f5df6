package dev.modelmonitor.producer.internal;

import dev.modelmonitor.producer.DropPolicy;
import dev.modelmonitor.producer.DropReason;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bounded hand-off between the app's threads and the sending thread. Offering applies the
 * {@link DropPolicy} and counts what it drops; it never throws and waits at most the policy's
 * block time.
 *
 * <p>The sending thread drains without blocking (it polls and parks on its own), so an offer never
 * has to wake a sleeping consumer: that keeps the caller's cost free of system calls.
 */
public final class EventBuffer {
  private final ArrayBlockingQueue<SpecificRecord> queue;
  private final int capacity;
  private final DropPolicy policy;
  private final long blockNanos;
  private final SdkMetrics metrics;

  public EventBuffer(int capacity, DropPolicy policy, SdkMetrics metrics) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.capacity = capacity;
    this.policy = policy;
    this.blockNanos = policy.maxBlock().toNanos();
    this.metrics = metrics;
    metrics.bufferGauges(this, EventBuffer::size, capacity);
  }

  /** Enqueues {@code event} per the policy; false (counted) when it was dropped. */
  public boolean offer(SpecificRecord event) {
    if (queue.offer(event)) {
      return true;
    }
    switch (policy.kind()) {
      case DROP_OLDEST:
        // Other callers race for the freed slot; each lost race evicts one more old event.
        do {
          if (queue.poll() != null) {
            metrics.dropped(DropReason.BUFFER_FULL);
          }
        } while (!queue.offer(event));
        return true;
      case BLOCK:
        try {
          if (queue.offer(event, blockNanos, TimeUnit.NANOSECONDS)) {
            return true;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        metrics.dropped(DropReason.BUFFER_FULL);
        return false;
      default:
        metrics.dropped(DropReason.BUFFER_FULL);
        return false;
    }
  }

  /** Moves up to {@code max} events into {@code target}; never blocks. */
  public int drainTo(Collection<? super SpecificRecord> target, int max) {
    return queue.drainTo(target, max);
  }

  /** Removes everything still buffered and returns how many there were. */
  public int clear() {
    int removed = 0;
    while (queue.poll() != null) {
      removed++;
    }
    return removed;
  }

  public int size() {
    return queue.size();
  }

  public int capacity() {
    return capacity;
  }
}
