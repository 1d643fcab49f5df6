package dev.modelmonitor.producer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * cgroup v2: {@code cpu.stat} ({@code usage_usec}), {@code cpu.max} ({@code "<quota> <period>"}
 * or {@code "max <period>"}), {@code memory.current} and {@code memory.max} ({@code "max"} is
 * unlimited). Files are read in the process's own cgroup ({@code 0::<path>} in {@code
 * /proc/self/cgroup}) when that directory is visible, else at the mount root, which is the
 * container's cgroup under a private cgroup namespace.
 */
final class CgroupV2Sampler extends ResourceSampler {
  private final Path dir;

  CgroupV2Sampler(Path root, Clock clock) {
    super(clock);
    Path mount = root.resolve("sys/fs/cgroup");
    Path own = mount;
    for (String line : ProcFiles.lines(root.resolve("proc/self/cgroup"))) {
      if (line.startsWith("0::")) {
        Path candidate = ProcFiles.under(mount, line.substring(3));
        if (Files.exists(candidate.resolve("memory.current"))
            || Files.exists(candidate.resolve("cpu.stat"))) {
          own = candidate;
        }
      }
    }
    this.dir = own;
  }

  @Override
  public String cgroupVersion() {
    return "v2";
  }

  @Override
  Long cpuUsageNanos() {
    Long micros = ProcFiles.keyedValue(dir.resolve("cpu.stat"), "usage_usec");
    return micros == null ? null : micros * 1000;
  }

  @Override
  Double cpuLimitCores() {
    String line = ProcFiles.firstLine(dir.resolve("cpu.max"));
    if (line == null) {
      return null;
    }
    String[] parts = line.split("\\s+");
    Long quota = ProcFiles.parseLong(parts[0]);
    Long period = parts.length > 1 ? ProcFiles.parseLong(parts[1]) : Long.valueOf(100_000);
    if (quota == null || period == null || quota <= 0 || period <= 0) {
      return null;
    }
    return quota / (double) period;
  }

  @Override
  Long memoryUsedBytes() {
    return ProcFiles.longValue(dir.resolve("memory.current"));
  }

  @Override
  Long memoryLimitBytes() {
    return ProcFiles.longValue(dir.resolve("memory.max"));
  }
}
