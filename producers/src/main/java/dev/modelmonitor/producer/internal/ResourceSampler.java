package dev.modelmonitor.producer.internal;

import dev.modelmonitor.schema.ResourceSample;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Samples the container's CPU and memory from its cgroup. The layout is read from {@code
 * /proc/self/mountinfo} and {@code /proc/self/cgroup} ({@link CgroupMounts}): v1 where a v1
 * {@code memory} or {@code cpuacct} hierarchy is mounted (so on a "hybrid" host the v1
 * controllers win over a unified mount without them), else v2 where a unified hierarchy is
 * mounted, else an "unknown" sample with every figure null.
 *
 * <p>CPU cores used is the cgroup's CPU time consumed since the previous sample divided by the
 * time between them on a monotonic clock; the first sample has none. Not thread-safe: one caller
 * (the sending thread).
 */
public abstract class ResourceSampler {
  static final String UNKNOWN = "unknown";

  private final LongSupplier nanoTime;
  private long lastCpuNanos = -1;
  private long lastSampleNanos;

  ResourceSampler(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * The sampler for the cgroup layout found under {@code root} ({@code /} in production).
   *
   * @param nanoTime a monotonic clock, {@code System::nanoTime} in production
   */
  public static ResourceSampler detect(Path root, LongSupplier nanoTime) {
    CgroupMounts mounts = CgroupMounts.read(root);
    if (mounts.hasV1("memory") || mounts.hasV1("cpuacct")) {
      return new CgroupV1Sampler(mounts, nanoTime);
    }
    if (mounts.hasV2()) {
      return new CgroupV2Sampler(mounts.v2Dir().orElseThrow(), nanoTime);
    }
    return new UnknownSampler(nanoTime);
  }

  /** {@code v2}, {@code v1} or {@code unknown}. */
  public abstract String cgroupVersion();

  /** A sample now; never throws, unreadable figures are null. */
  public final ResourceSample sample() {
    Long cpuNanos = cpuUsageNanos();
    long now = nanoTime.getAsLong();
    Double coresUsed = null;
    if (cpuNanos != null && lastCpuNanos >= 0 && now > lastSampleNanos && cpuNanos >= lastCpuNanos) {
      coresUsed = (cpuNanos - lastCpuNanos) / (double) (now - lastSampleNanos);
    }
    if (cpuNanos != null) {
      lastCpuNanos = cpuNanos;
      lastSampleNanos = now;
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
    UnknownSampler(LongSupplier nanoTime) {
      super(nanoTime);
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
