package dev.modelmonitor.notifier;

import dev.modelmonitor.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Alerts that are firing and when each receiver is due to hear about them again. Kept in memory;
 * rebuilt at start from the alerts topic (see {@link FiringStateLoader}).
 */
final class FiringAlerts {
  /** A re-notification that is due. */
  record Due(Alert alert, String receiver, int repeat) {}

  private static final class Entry {
    Alert alert;
    final Map<String, Instant> due = new HashMap<>();
    final Map<String, Integer> repeats = new HashMap<>();
    final Set<String> inFlight = new HashSet<>();
  }

  private final Map<String, Entry> byAlertId = new HashMap<>();
  private final Function<String, Duration> intervalOf;

  /** @param intervalOf a receiver's repeat interval (zero: never repeat) */
  FiringAlerts(Function<String, Duration> intervalOf) {
    this.intervalOf = intervalOf;
  }

  /** A FIRING alert was notified (or restored) at {@code since}; repeats count from there. */
  synchronized void fired(Alert alert, List<String> receivers, Instant since) {
    Entry entry = byAlertId.computeIfAbsent(alert.getAlertId(), id -> new Entry());
    entry.alert = alert;
    for (String receiver : receivers) {
      Duration interval = intervalOf.apply(receiver);
      if (interval.isZero()) {
        continue;
      }
      entry.due.put(receiver, since.plus(interval));
      entry.repeats.putIfAbsent(receiver, 0);
    }
    if (entry.due.isEmpty()) {
      byAlertId.remove(alert.getAlertId());
    }
  }

  /** A RESOLVED alert: no more repeats. */
  synchronized void resolved(String alertId) {
    byAlertId.remove(alertId);
  }

  /** The repeats due at {@code now}; each is in flight until {@link #repeated} is called. */
  synchronized List<Due> due(Instant now) {
    List<Due> out = new ArrayList<>();
    for (Entry entry : byAlertId.values()) {
      for (Map.Entry<String, Instant> d : entry.due.entrySet()) {
        String receiver = d.getKey();
        if (!d.getValue().isAfter(now) && entry.inFlight.add(receiver)) {
          int n = entry.repeats.merge(receiver, 1, Integer::sum);
          out.add(new Due(entry.alert, receiver, n));
        }
      }
    }
    return out;
  }

  /** A repeat finished at {@code now} (delivered or not); the next one is an interval later. */
  synchronized void repeated(String alertId, String receiver, Instant now) {
    Entry entry = byAlertId.get(alertId);
    if (entry == null) {
      return;
    }
    entry.inFlight.remove(receiver);
    if (entry.due.containsKey(receiver)) {
      entry.due.put(receiver, now.plus(intervalOf.apply(receiver)));
    }
  }

  synchronized int size() {
    return byAlertId.size();
  }
}
