package dev.modelmonitor.producer.internal;

import dev.modelmonitor.schema.Instance;
import java.nio.file.Path;
import java.util.Map;

/**
 * Works out which container and pod this process is: the Kubernetes downward API variables
 * {@code POD_NAME}, {@code POD_NAMESPACE}, {@code NODE_NAME}, {@code HOSTNAME} (else the
 * kernel's hostname), and the container id from {@code /proc/self/cgroup} or {@code
 * /proc/self/mountinfo}. Files are read under an injectable root ({@code /} in production).
 *
 * <p>The instance id is the pod name, else the first 12 digits of the container id (as {@code
 * docker ps} shows it), else the hostname, else {@code unknown}.
 */
public final class InstanceDetector {
  private InstanceDetector() {}

  public static Instance detect(Path root, Map<String, String> env, String image) {
    String containerId = ContainerIds.fromCgroup(ProcFiles.lines(root.resolve("proc/self/cgroup")));
    if (containerId == null) {
      containerId = ContainerIds.fromMountinfo(ProcFiles.lines(root.resolve("proc/self/mountinfo")));
    }
    String hostname = nonBlank(env.get("HOSTNAME"));
    if (hostname == null) {
      hostname = nonBlank(ProcFiles.firstLine(root.resolve("proc/sys/kernel/hostname")));
    }
    String pod = nonBlank(env.get("POD_NAME"));
    String id;
    if (pod != null) {
      id = pod;
    } else if (containerId != null) {
      id = containerId.substring(0, 12);
    } else if (hostname != null) {
      id = hostname;
    } else {
      id = "unknown";
    }
    return new Instance(
        id,
        hostname,
        containerId,
        pod,
        nonBlank(env.get("POD_NAMESPACE")),
        nonBlank(env.get("NODE_NAME")),
        nonBlank(image));
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
