package dev.modelmonitor.service;

import dev.modelmonitor.report.References;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Each model's newest report and reference in force, kept from the reports and reference topics
 * (every partition, so every instance knows every model) for the UI's current-vs-reference view.
 */
final class ReportBook {
  private final Map<String, ModelReport> latest = new ConcurrentHashMap<>();
  /** Guarded by itself: the reference follower writes while pages read. */
  private final References references = new References();

  /** The listener for the reports topic: keeps the report of the newest window per model. */
  BiConsumer<String, ModelReport> reports() {
    return (key, report) -> {
      if (report != null) {
        latest.merge(report.getModelId(), report,
            (old, neu) -> neu.getWindowStart().isBefore(old.getWindowStart()) ? old : neu);
      }
    };
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
