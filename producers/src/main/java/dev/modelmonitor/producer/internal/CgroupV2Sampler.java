package dev.modelmonitor.producer.internal;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * cgroup v2: {@code cpu.stat} ({@code usage_usec}), {@code cpu.max} ({@code "<quota> <period>"}
 * or {@code "max <period>"}), {@code memory.current} and {@code memory.max} ({@code "max"} is
 * unlimited), read in the process's own cgroup directory.
 */
final class CgroupV2Sampler extends ResourceSampler {
  private final Path dir;

  CgroupV2Sampler(Path dir, LongSupplier nanoTime) {
    super(nanoTime);
    this.dir = dir;
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
