package dev.modelmonitor.producer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * cgroup v1: {@code cpuacct.usage} (nanoseconds), {@code cpu.cfs_quota_us} / {@code
 * cpu.cfs_period_us} (quota -1 is unlimited), {@code memory.usage_in_bytes} and {@code
 * memory.limit_in_bytes}, where a limit of {@value #UNLIMITED_FROM} bytes or more (the kernel
 * writes {@code 9223372036854771712} for "no limit") is unlimited. Each controller is read in
 * the process's own cgroup when visible, else at the controller's mount root.
 */
final class CgroupV1Sampler extends ResourceSampler {
  /** 2^60 bytes: no real memory limit is this large. */
  static final long UNLIMITED_FROM = 1L << 60;

  private final Path cpuacct;
  private final Path cpu;
  private final Path memory;

  CgroupV1Sampler(Path root, Clock clock) {
    super(clock);
    Path mount = root.resolve("sys/fs/cgroup");
    Iterable<String> cgroup = ProcFiles.lines(root.resolve("proc/self/cgroup"));
    this.cpuacct = controllerDir(mount, cgroup, "cpuacct", "cpuacct.usage");
    this.cpu = controllerDir(mount, cgroup, "cpu", "cpu.cfs_quota_us");
    this.memory = controllerDir(mount, cgroup, "memory", "memory.usage_in_bytes");
  }

  @Override
  public String cgroupVersion() {
    return "v1";
  }

  @Override
  Long cpuUsageNanos() {
    return ProcFiles.longValue(cpuacct.resolve("cpuacct.usage"));
  }

  @Override
  Double cpuLimitCores() {
    Long quota = ProcFiles.longValue(cpu.resolve("cpu.cfs_quota_us"));
    Long period = ProcFiles.longValue(cpu.resolve("cpu.cfs_period_us"));
    if (quota == null || period == null || quota <= 0 || period <= 0) {
      return null;
    }
    return quota / (double) period;
  }

  @Override
  Long memoryUsedBytes() {
    return ProcFiles.longValue(memory.resolve("memory.usage_in_bytes"));
  }

  @Override
  Long memoryLimitBytes() {
    Long limit = ProcFiles.longValue(memory.resolve("memory.limit_in_bytes"));
    return limit == null || limit >= UNLIMITED_FROM ? null : limit;
  }

  /**
   * Where {@code controller}'s files are: its mount ({@code memory}, or the combined {@code
   * cpu,cpuacct}) plus the process's path in that hierarchy when visible, else the mount root.
   */
  private static Path controllerDir(
      Path mount, Iterable<String> cgroup, String controller, String probeFile) {
    Path base = mount.resolve(controller);
    if (!Files.isDirectory(base) && Files.isDirectory(mount.resolve("cpu,cpuacct"))) {
      base = mount.resolve("cpu,cpuacct");
    }
    for (String line : cgroup) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3 && java.util.Arrays.asList(parts[1].split(",")).contains(controller)) {
        Path own = ProcFiles.under(base, parts[2]);
        if (Files.exists(own.resolve(probeFile))) {
          return own;
        }
      }
    }
    return base;
  }
}
