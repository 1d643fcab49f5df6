package dev.modelmonitor.notifier;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed offsets are still being delivered, so that a partition's committed offset never
 * passes an alert that is not yet delivered or dead-lettered: the commit point is the lowest
 * pending offset, or one past the last consumed when none is pending. Used by the poll thread
 * only.
 */
final class OffsetTracker {
  private final Map<TopicPartition, TreeSet<Long>> pending = new HashMap<>();
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  void started(TopicPartition tp, long offset) {
    pending.computeIfAbsent(tp, t -> new TreeSet<>()).add(offset);
    next.merge(tp, offset + 1, Math::max);
  }

  void finished(TopicPartition tp, long offset) {
    TreeSet<Long> offsets = pending.get(tp);
    if (offsets != null) {
      offsets.remove(offset);
    }
  }

  /** Forgets {@code offset} and everything consumed after it: they will be consumed again. */
  void rewind(TopicPartition tp, long offset) {
    TreeSet<Long> offsets = pending.get(tp);
    if (offsets != null) {
      offsets.tailSet(offset, true).clear();
    }
    next.put(tp, offset);
  }

  /** A partition no longer assigned to this consumer. */
  void forget(TopicPartition tp) {
    pending.remove(tp);
    next.remove(tp);
    committed.remove(tp);
  }

  int inFlight() {
    return pending.values().stream().mapToInt(TreeSet::size).sum();
  }

  /** The commit points that moved since the last {@link #committed} call. */
  Map<TopicPartition, OffsetAndMetadata> toCommit() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
      TopicPartition tp = e.getKey();
      TreeSet<Long> offsets = pending.get(tp);
      long point = offsets == null || offsets.isEmpty() ? e.getValue() : offsets.first();
      if (point > committed.getOrDefault(tp, -1L)) {
        out.put(tp, new OffsetAndMetadata(point));
      }
    }
    return out;
  }

  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, o) -> committed.merge(tp, o.offset(), Math::max));
  }
}
