package dev.modelmonitor.producer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where this process's cgroup files are, worked out as the JDK does: the cgroup file systems
 * mounted ({@code /proc/self/mountinfo}: mount point, the mount's root within the hierarchy,
 * controllers) joined with the process's path in each hierarchy ({@code /proc/self/cgroup}).
 * That finds the right directory on a host (mount root {@code /}, path {@code
 * /process_api/<id>}), in a container without a cgroup namespace (mount root equal to the path)
 * and in one with a namespace (both {@code /}).
 *
 * <p>Where mountinfo lists no cgroup mount, the standard layout under {@code /sys/fs/cgroup} is
 * assumed.
 */
final class CgroupMounts {
  /** One mounted hierarchy; {@code controllers} is empty for the unified (v2) one. */
  record Mount(String root, Path mountPoint, Set<String> controllers, boolean unified) {}

  private final List<Mount> mounts;
  private final Map<String, String> v1Paths;
  private final String v2Path;

  private CgroupMounts(List<Mount> mounts, Map<String, String> v1Paths, String v2Path) {
    this.mounts = mounts;
    this.v1Paths = v1Paths;
    this.v2Path = v2Path;
  }

  static CgroupMounts read(Path hostRoot) {
    Map<String, String> v1Paths = new HashMap<>();
    String v2Path = null;
    for (String line : ProcFiles.lines(hostRoot.resolve("proc/self/cgroup"))) {
      String[] parts = line.split(":", 3);
      if (parts.length != 3) {
        continue;
      }
      if (parts[0].equals("0") && parts[1].isEmpty()) {
        v2Path = parts[2];
      } else {
        for (String controller : parts[1].split(",")) {
          v1Paths.put(controller, parts[2]);
        }
      }
    }
    List<Mount> mounts = new ArrayList<>();
    for (String line : ProcFiles.lines(hostRoot.resolve("proc/self/mountinfo"))) {
      Mount mount = parse(hostRoot, line);
      if (mount != null) {
        mounts.add(mount);
      }
    }
    if (mounts.isEmpty()) {
      mounts = standardLayout(hostRoot);
    }
    return new CgroupMounts(mounts, v1Paths, v2Path);
  }

  /** Whether a v1 hierarchy with {@code controller} is mounted. */
  boolean hasV1(String controller) {
    return v1Mount(controller).isPresent();
  }

  /** Whether a unified (v2) hierarchy is mounted. */
  boolean hasV2() {
    return mounts.stream().anyMatch(Mount::unified);
  }

  /** The process's directory in the v1 hierarchy of {@code controller}. */
  Optional<Path> v1Dir(String controller) {
    return v1Mount(controller).map(m -> join(m, v1Paths.get(controller)));
  }

  /** The process's directory in the unified hierarchy. */
  Optional<Path> v2Dir() {
    return mounts.stream().filter(Mount::unified).findFirst().map(m -> join(m, v2Path));
  }

  private Optional<Mount> v1Mount(String controller) {
    return mounts.stream().filter(m -> m.controllers().contains(controller)).findFirst();
  }

  /** The JDK's rule (CgroupV1SubsystemController.setPath), falling back to the mount point. */
  static Path join(Mount mount, String cgroupPath) {
    Path dir;
    if (cgroupPath == null || mount.root().equals(cgroupPath)) {
      dir = mount.mountPoint();
    } else if (mount.root().equals("/")) {
      dir = ProcFiles.under(mount.mountPoint(), cgroupPath);
    } else if (cgroupPath.startsWith(mount.root() + "/")) {
      dir = ProcFiles.under(mount.mountPoint(), cgroupPath.substring(mount.root().length()));
    } else {
      dir = mount.mountPoint();
    }
    return Files.isDirectory(dir) ? dir : mount.mountPoint();
  }

  /**
   * A mountinfo line: {@code id parent major:minor root mount-point options [optional...] -
   * fstype source super-options}; null unless it is a cgroup file system.
   */
  private static Mount parse(Path hostRoot, String line) {
    String[] fields = line.split(" ");
    int dash = Arrays.asList(fields).indexOf("-");
    if (dash < 5 || fields.length < dash + 4) {
      return null;
    }
    String type = fields[dash + 1];
    Path mountPoint = ProcFiles.under(hostRoot, unescape(fields[4]));
    String root = unescape(fields[3]);
    if (type.equals("cgroup2")) {
      return new Mount(root, mountPoint, Set.of(), true);
    }
    if (type.equals("cgroup")) {
      Set<String> options = Set.of(fields[dash + 3].split(","));
      return new Mount(root, mountPoint, options, false);
    }
    return null;
  }

  private static List<Mount> standardLayout(Path hostRoot) {
    Path base = hostRoot.resolve("sys/fs/cgroup");
    List<Mount> mounts = new ArrayList<>();
    if (Files.exists(base.resolve("cgroup.controllers"))) {
      mounts.add(new Mount("/", base, Set.of(), true));
    }
    for (String name : List.of("memory", "cpu", "cpuacct", "cpu,cpuacct")) {
      if (Files.isDirectory(base.resolve(name))) {
        mounts.add(new Mount("/", base.resolve(name), Set.of(name.split(",")), false));
      }
    }
    return mounts;
  }

  /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
  private static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()
          && field.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
