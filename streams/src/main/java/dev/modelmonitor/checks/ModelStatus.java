package dev.modelmonitor.checks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.ResourceSample;
import dev.modelmonitor.schema.StateEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the checks know about a model beyond its minutes: when it was first seen (so an unknown
 * model differs from a silent one), its reference version, whether labels arrive (so predictions
 * wait for them only then), and the last state of each of its instances. Small and rarely
 * written: on state events and on a model's first prediction, label and reference. Stored as JSON
 * so fields can be added.
 *
 * @param firstSeenMillis wall-clock time of the first record of the model
 * @param referenceCreatedAtMillis {@code createdAt} of the reference in force; 0 without one
 * @param instances the most recently seen instances, at most {@link #MAX_INSTANCES}
 */
record ModelStatus(
    String modelId,
    long firstSeenMillis,
    long referenceCreatedAtMillis,
    boolean labelsSeen,
    String modelVersion,
    List<InstanceStatus> instances) {
  /** Instances remembered per model; the least recently seen are forgotten first. */
  static final int MAX_INSTANCES = 32;

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  ModelStatus {
    instances = List.copyOf(instances);
  }

  static ModelStatus firstSeen(String modelId, long nowMillis) {
    return new ModelStatus(modelId, nowMillis, 0, false, null, List.of());
  }

  ModelStatus withReference(long createdAtMillis) {
    return new ModelStatus(modelId, firstSeenMillis, createdAtMillis, labelsSeen, modelVersion,
        instances);
  }

  ModelStatus withLabelsSeen() {
    return new ModelStatus(modelId, firstSeenMillis, referenceCreatedAtMillis, true, modelVersion,
        instances);
  }

  /** This status after {@code event}, observed at wall-clock {@code nowMillis}. */
  ModelStatus with(StateEvent event, long nowMillis) {
    Instance where = event.getInstance();
    String id = where == null ? InstanceStatus.UNKNOWN : where.getId();
    InstanceStatus previous = instances.stream().filter(i -> i.id().equals(id)).findFirst()
        .orElse(InstanceStatus.first(id, where));
    InstanceStatus updated = previous.with(event);
    List<InstanceStatus> next = new ArrayList<>(instances.size() + 1);
    for (InstanceStatus i : instances) {
      if (!i.id().equals(id)) {
        next.add(i);
      }
    }
    next.add(updated);
    next.sort(Comparator.comparingLong(InstanceStatus::lastSeenMillis).reversed()
        .thenComparing(InstanceStatus::id));
    if (next.size() > MAX_INSTANCES) {
      next = next.subList(0, MAX_INSTANCES);
    }
    String version = event.getModelVersion() != null ? event.getModelVersion() : modelVersion;
    return new ModelStatus(modelId, firstSeenMillis, referenceCreatedAtMillis, labelsSeen, version,
        next);
  }

  byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ModelStatus fromBytes(byte[] bytes) {
    try {
      return JSON.readValue(bytes, ModelStatus.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable model status", e);
    }
  }

  /**
   * The last known state of one instance (container) of a model. Times are event times in epoch
   * milliseconds, 0 when never.
   *
   * @param lifecycle the last lifecycle state entered, null when never reported
   */
  record InstanceStatus(
      String id,
      String pod,
      String namespace,
      String node,
      String modelVersion,
      String lifecycle,
      String reason,
      long lifecycleSinceMillis,
      long lastHeartbeatMillis,
      long heartbeatIntervalMillis,
      long lastSeenMillis,
      Double cpuCoresUsed,
      Double cpuCoresLimit,
      Long memoryBytesUsed,
      Long memoryBytesLimit) {
    /** Id of events that name no instance. */
    static final String UNKNOWN = "(unknown)";

    static InstanceStatus first(String id, Instance where) {
      return new InstanceStatus(id, where == null ? null : where.getPod(),
          where == null ? null : where.getNamespace(), where == null ? null : where.getNode(),
          null, null, null, 0, 0, 0, 0, null, null, null, null);
    }

    InstanceStatus with(StateEvent event) {
      long at = event.getTimestamp().toEpochMilli();
      String version = event.getModelVersion() != null ? event.getModelVersion() : modelVersion;
      long seen = Math.max(lastSeenMillis, at);
      Object what = event.getEvent();
      if (what instanceof LifecycleChange change) {
        if (at < lifecycleSinceMillis) {
          return this; // an older change arriving late does not undo a newer one
        }
        return new InstanceStatus(id, pod, namespace, node, version, change.getState().name(),
            change.getReason(), at, lastHeartbeatMillis, heartbeatIntervalMillis, seen,
            cpuCoresUsed, cpuCoresLimit, memoryBytesUsed, memoryBytesLimit);
      }
      if (what instanceof Heartbeat beat) {
        return new InstanceStatus(id, pod, namespace, node, version, lifecycle, reason,
            lifecycleSinceMillis, Math.max(lastHeartbeatMillis, at),
            beat.getIntervalMillis() > 0 ? beat.getIntervalMillis() : heartbeatIntervalMillis,
            seen, cpuCoresUsed, cpuCoresLimit, memoryBytesUsed, memoryBytesLimit);
      }
      ResourceSample sample = (ResourceSample) what;
      return new InstanceStatus(id, pod, namespace, node, version, lifecycle, reason,
          lifecycleSinceMillis, lastHeartbeatMillis, heartbeatIntervalMillis, seen,
          sample.getCpuCoresUsed(), sample.getCpuCoresLimit(), sample.getMemoryBytesUsed(),
          sample.getMemoryBytesLimit());
    }
  }
}
