package dev.modelmonitor.service;

import dev.modelmonitor.report.References;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The reports and references in force, kept from the reports and reference topics (every
 * partition, so every instance knows every model): each model's newest report for the UI's
 * current-vs-reference view, and the newest {@code capacity} windows of all models for the
 * reports API.
 */
final class ReportBook {
  private final int capacity;
  private final Map<String, ModelReport> latest = new ConcurrentHashMap<>();
  /** Oldest window first; guarded by itself. */
  private final NavigableMap<Window, ModelReport> windows = new TreeMap<>(
      Comparator.comparing(Window::start).thenComparing(Window::modelId));

  private record Window(Instant start, String modelId) {}

  /** Guarded by itself: the reference follower writes while pages read. */
  private final References references = new References();

  /** @param capacity how many reports to hold; past it the oldest window is forgotten */
  ReportBook(int capacity) {
    this.capacity = capacity;
  }

  /**
   * The listener for the reports topic: keeps the report of the newest window per model, and
   * every window up to the capacity (a window reported again replaces its report).
   */
  BiConsumer<String, ModelReport> reports() {
    return (key, report) -> {
      if (report == null) {
        return;
      }
      latest.merge(report.getModelId(), report,
          (old, neu) -> neu.getWindowStart().isBefore(old.getWindowStart()) ? old : neu);
      synchronized (windows) {
        windows.put(new Window(report.getWindowStart(), report.getModelId()), report);
        while (windows.size() > capacity) {
          windows.pollFirstEntry();
        }
      }
    };
  }

  /** Every report held, oldest window first. */
  List<ModelReport> all() {
    synchronized (windows) {
      return List.copyOf(windows.values());
    }
  }

  /** The listener for the compacted reference topic: a null value (tombstone) forgets one. */
  BiConsumer<String, ReferenceProfile> references() {
    return (key, profile) -> {
      synchronized (references) {
        if (profile != null) {
          references.add(profile);
        } else if (key != null) {
          references.remove(key);
        }
      }
    };
  }

  Optional<ModelReport> latestReport(String modelId) {
    return Optional.ofNullable(latest.get(modelId));
  }

  Optional<ReferenceProfile> reference(String modelId) {
    synchronized (references) {
      return Optional.ofNullable(references.latest(modelId));
    }
  }
}
