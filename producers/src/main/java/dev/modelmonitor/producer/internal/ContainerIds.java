package dev.modelmonitor.producer.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the container id (64 hex digits) of the current process in {@code /proc/self/cgroup} and
 * {@code /proc/self/mountinfo}, for the layouts that Docker, containerd / CRI-O (Kubernetes) and
 * Podman produce:
 *
 * <ul>
 *   <li>cgroup v1: {@code 12:memory:/docker/<id>}, {@code
 *       .../kubepods/burstable/pod<uid>/<id>};
 *   <li>systemd driver: {@code docker-<id>.scope}, {@code cri-containerd-<id>.scope}, {@code
 *       crio-<id>.scope}, {@code libpod-<id>.scope};
 *   <li>cgroup v2 with a private cgroup namespace ({@code 0::/}): the id is not in the cgroup
 *       file, but the bind mounts of {@code /etc/hostname} and friends carry it, as in {@code
 *       /var/lib/docker/containers/<id>/hostname} or {@code
 *       .../overlay-containers/<id>/userdata/hostname} (Podman, CRI-O).
 * </ul>
 */
final class ContainerIds {
  private static final Pattern CGROUP_SEGMENT =
      Pattern.compile("(?:docker-|cri-containerd-|crio-|libpod-|containerd-)?([0-9a-f]{64})(?:\\.scope)?");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private ContainerIds() {}

  /** The id in {@code /proc/self/cgroup} lines, or null. */
  static String fromCgroup(List<String> lines) {
    for (String line : lines) {
      // hierarchy-id:controllers:path; the path may itself contain ':' in odd setups.
      int second = line.indexOf(':', line.indexOf(':') + 1);
      if (second < 0) {
        continue;
      }
      String[] segments = line.substring(second + 1).split("/");
      for (int i = segments.length - 1; i >= 0; i--) {
        Matcher m = CGROUP_SEGMENT.matcher(segments[i]);
        if (m.matches()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  /** The id in {@code /proc/self/mountinfo} lines, or null. */
  static String fromMountinfo(List<String> lines) {
    for (String line : lines) {
      String[] fields = line.split(" ");
      if (fields.length < 5) {
        continue;
      }
      // Field 4 is the mount's root within its filesystem, e.g. /var/lib/docker/containers/<id>/hostname.
      String[] segments = fields[3].split("/");
      for (int i = 1; i < segments.length; i++) {
        String parent = segments[i - 1];
        if ((parent.equals("containers") || parent.equals("overlay-containers"))
            && HEX64.matcher(segments[i]).matches()) {
          return segments[i];
        }
      }
    }
    return null;
  }
}
