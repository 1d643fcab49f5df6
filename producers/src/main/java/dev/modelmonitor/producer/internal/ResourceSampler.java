package dev.modelmonitor.producer.internal;

import dev.modelmonitor.schema.ResourceSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Samples the container's CPU and memory from its cgroup: v2 where {@code
 * /sys/fs/cgroup/cgroup.controllers} exists, else v1 where the {@code memory} or {@code cpuacct}
 * hierarchy is mounted, else an "unknown" sample with every figure null.
 *
 * <p>CPU cores used is the cgroup's CPU time consumed since the previous sample divided by the
 * wall time between them (by the injected clock); the first sample has none. Not thread-safe:
 * one caller (the sending thread).
 */
public abstract class ResourceSampler {
  static final String UNKNOWN = "unknown";

  private final Clock clock;
  private long lastCpuNanos = -1;
  private long lastWallMillis;

  ResourceSampler(Clock clock) {
    this.clock = clock;
  }

  /** The sampler for the cgroup layout found under {@code root} ({@code /} in production). */
  public static ResourceSampler detect(Path root, Clock clock) {
    Path mount = root.resolve("sys/fs/cgroup");
    if (Files.exists(mount.resolve("cgroup.controllers"))) {
      return new CgroupV2Sampler(root, clock);
    }
    if (Files.isDirectory(mount.resolve("memory")) || Files.isDirectory(mount.resolve("cpuacct"))
        || Files.isDirectory(mount.resolve("cpu,cpuacct"))) {
      return new CgroupV1Sampler(root, clock);
    }
    return new UnknownSampler(clock);
  }

  /** {@code v2}, {@code v1} or {@code unknown}. */
  public abstract String cgroupVersion();

  /** A sample now; never throws, unreadable figures are null. */
  public final ResourceSample sample() {
    Long cpuNanos = cpuUsageNanos();
    long now = clock.millis();
    Double coresUsed = null;
    if (cpuNanos != null && lastCpuNanos >= 0 && now > lastWallMillis && cpuNanos >= lastCpuNanos) {
      coresUsed = (cpuNanos - lastCpuNanos) / ((now - lastWallMillis) * 1_000_000.0);
    }
    if (cpuNanos != null) {
      lastCpuNanos = cpuNanos;
      lastWallMillis = now;
    }
    return new ResourceSample(
        cgroupVersion(), coresUsed, cpuLimitCores(), memoryUsedBytes(), memoryLimitBytes(), null);
  }

  /** Total CPU time used by the cgroup, in nanoseconds. */
  abstract Long cpuUsageNanos();

  /** CPU limit in cores, null when unlimited or unknown. */
  abstract Double cpuLimitCores();

  abstract Long memoryUsedBytes();

  /** Memory limit, null when unlimited or unknown. */
  abstract Long memoryLimitBytes();

  /** Neither cgroup version found: everything unknown. */
  static final class UnknownSampler extends ResourceSampler {
    UnknownSampler(Clock clock) {
      super(clock);
    }

    @Override
    public String cgroupVersion() {
      return UNKNOWN;
    }

    @Override
    Long cpuUsageNanos() {
      return null;
    }

    @Override
    Double cpuLimitCores() {
      return null;
    }

    @Override
    Long memoryUsedBytes() {
      return null;
    }

    @Override
    Long memoryLimitBytes() {
      return null;
    }
  }
}
