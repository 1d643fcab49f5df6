package dev.modelmonitor.report;

import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference profiles read from the compacted reference topic, per model, in the order they were
 * published (compaction may not have removed superseded ones yet).
 */
public final class References {
  private final Map<String, List<ReferenceProfile>> byModel = new HashMap<>();

  /** No references: reports are drawn without reference distributions. */
  public static References none() {
    return new References();
  }

  /** Adds {@code profile} as the newest of its model. */
  public void add(ReferenceProfile profile) {
    List<ReferenceProfile> list =
        byModel.computeIfAbsent(profile.getModelId(), k -> new ArrayList<>());
    list.removeIf(p -> p.getCreatedAt().equals(profile.getCreatedAt()));
    list.add(profile);
  }

  /** Forgets a model's references (a tombstone on the topic). */
  public void remove(String modelId) {
    byModel.remove(modelId);
  }

  /** The model's reference in force now (the last published), or null. */
  public ReferenceProfile latest(String modelId) {
    List<ReferenceProfile> list = byModel.get(modelId);
    return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
  }

  /**
   * The reference to draw next to {@code report}: the one it was computed against (same {@code
   * createdAt}) while the topic still holds it, else the latest; null when the model has none.
   */
  public ReferenceProfile forReport(ModelReport report) {
    Instant used = report.getReferenceCreatedAt();
    List<ReferenceProfile> list = byModel.get(report.getModelId());
    if (list == null || list.isEmpty()) {
      return null;
    }
    if (used != null) {
      for (ReferenceProfile p : list) {
        if (p.getCreatedAt().equals(used)) {
          return p;
        }
      }
    }
    return list.get(list.size() - 1);
  }

  /** Models with at least one reference. */
  public int modelCount() {
    return byModel.size();
  }
}
