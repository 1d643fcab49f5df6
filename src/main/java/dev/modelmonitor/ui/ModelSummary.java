package dev.modelmonitor.ui;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A model the service has heard from.
 *
 * @param modelId the model
 * @param versions the model versions seen recently, oldest first
 * @param instances the model's instances (containers, pods) and their state
 * @param lastSeen when any event of the model last arrived, or null if unknown
 */
public record ModelSummary(
    String modelId, List<String> versions, List<InstanceStatus> instances, Instant lastSeen) {
  public ModelSummary {
    Objects.requireNonNull(modelId, "modelId");
    versions = List.copyOf(versions);
    instances = List.copyOf(instances);
  }
}
