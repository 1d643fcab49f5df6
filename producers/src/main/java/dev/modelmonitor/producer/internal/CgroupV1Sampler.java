package dev.modelmonitor.producer.internal;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * cgroup v1: {@code cpuacct.usage} (nanoseconds), {@code cpu.cfs_quota_us} / {@code
 * cpu.cfs_period_us} (quota -1 is unlimited), {@code memory.usage_in_bytes} and {@code
 * memory.limit_in_bytes}, where a limit of {@value #UNLIMITED_FROM} bytes or more (the kernel
 * writes {@code 9223372036854771712} for "no limit") is unlimited. Each controller is read in the
 * process's own directory of its hierarchy; a controller not mounted gives nulls.
 */
final class CgroupV1Sampler extends ResourceSampler {
  /** 2^60 bytes: no real memory limit is this large. */
  static final long UNLIMITED_FROM = 1L << 60;

  private final Path cpuacct;
  private final Path cpu;
  private final Path memory;

  CgroupV1Sampler(CgroupMounts mounts, LongSupplier nanoTime) {
    super(nanoTime);
    this.cpuacct = mounts.v1Dir("cpuacct").orElse(null);
    this.cpu = mounts.v1Dir("cpu").orElse(null);
    this.memory = mounts.v1Dir("memory").orElse(null);
  }

  @Override
  public String cgroupVersion() {
    return "v1";
  }

  @Override
  Long cpuUsageNanos() {
    return read(cpuacct, "cpuacct.usage");
  }

  @Override
  Double cpuLimitCores() {
    Long quota = read(cpu, "cpu.cfs_quota_us");
    Long period = read(cpu, "cpu.cfs_period_us");
    if (quota == null || period == null || quota <= 0 || period <= 0) {
      return null;
    }
    return quota / (double) period;
  }

  @Override
  Long memoryUsedBytes() {
    return read(memory, "memory.usage_in_bytes");
  }

  @Override
  Long memoryLimitBytes() {
    Long limit = read(memory, "memory.limit_in_bytes");
    return limit == null || limit >= UNLIMITED_FROM ? null : limit;
  }

  private static Long read(Path dir, String file) {
    return dir == null ? null : ProcFiles.longValue(dir.resolve(file));
  }
}
