package dev.modelmonitor.service;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The alerts this instance has seen, for the UI, the API and the per-model open-alert gauges:
 * the latest state of every alert and its timeline of transitions. Bounded: the oldest resolved
 * alerts are forgotten past {@code capacity}.
 */
public final class AlertLog implements BiConsumer<String, Alert> {
  private final int capacity;
  private final Map<String, Deque<Alert>> timelines = new LinkedHashMap<>();

  public AlertLog(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public synchronized void accept(String key, Alert alert) {
    Deque<Alert> timeline = timelines.remove(alert.getAlertId());
    if (timeline == null) {
      timeline = new ArrayDeque<>();
    }
    timeline.addLast(alert);
    while (timeline.size() > 50) {
      timeline.removeFirst();
    }
    timelines.put(alert.getAlertId(), timeline); // most recently changed last
    while (timelines.size() > capacity) {
      String oldestResolved = null;
      for (Map.Entry<String, Deque<Alert>> e : timelines.entrySet()) {
        if (e.getValue().getLast().getStatus() == AlertStatus.RESOLVED) {
          oldestResolved = e.getKey();
          break;
        }
      }
      timelines.remove(oldestResolved != null ? oldestResolved : timelines.keySet().iterator().next());
    }
  }

  /** The latest state of every alert, most recently changed first. */
  public synchronized List<Alert> latest() {
    List<Alert> out = new ArrayList<>();
    timelines.values().forEach(t -> out.add(t.getLast()));
    out.sort(Comparator.comparing(Alert::getEmittedAt).reversed());
    return out;
  }

  /** Alerts currently FIRING, optionally for one model (null for all). */
  public synchronized List<Alert> open(String modelId) {
    return latest().stream()
        .filter(a -> a.getStatus() == AlertStatus.FIRING)
        .filter(a -> modelId == null || modelId.equals(a.getModelId()))
        .toList();
  }

  /** Every transition held (the last 50 of each alert), newest {@code emittedAt} first. */
  public synchronized List<Alert> transitions() {
    List<Alert> out = new ArrayList<>();
    timelines.values().forEach(out::addAll);
    Collections.reverse(out); // ties: the later-read first
    out.sort(Comparator.comparing(Alert::getEmittedAt).reversed());
    return out;
  }

  /** Every transition of one alert, oldest first. */
  public synchronized Optional<List<Alert>> timeline(String alertId) {
    Deque<Alert> timeline = timelines.get(alertId);
    return timeline == null ? Optional.empty() : Optional.of(List.copyOf(timeline));
  }
}
