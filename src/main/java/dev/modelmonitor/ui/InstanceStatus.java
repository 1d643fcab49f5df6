package dev.modelmonitor.ui;

import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LifecycleState;
import java.time.Instant;
import java.util.Objects;

/**
 * One instance of a model (a container or pod) as its state events describe it.
 *
 * @param instance where it runs (id, pod, namespace, node, image)
 * @param modelVersion the version it serves, or null if unknown
 * @param state its last lifecycle state, or null if it never reported one
 * @param reason the reason given with that state, or null
 * @param stateSince when it entered that state, or null
 * @param lastHeartbeat when its last heartbeat was sent, or null if none arrived
 * @param heartbeatInterval its declared heartbeat interval in milliseconds, or 0 if unknown
 */
public record InstanceStatus(
    Instance instance,
    String modelVersion,
    LifecycleState state,
    String reason,
    Instant stateSince,
    Instant lastHeartbeat,
    long heartbeatInterval) {
  public InstanceStatus {
    Objects.requireNonNull(instance, "instance");
  }

  /** The instance id. */
  public String id() {
    return instance.getId();
  }
}
