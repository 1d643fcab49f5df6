package dev.modelmonitor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples used heap every 250 ms while a phase runs: the largest and the last sample. */
final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "heap-sampler");
    t.setDaemon(true);
    return t;
  });
  private volatile long max;
  private volatile long last;

  HeapSampler() {
    timer.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    last = memory.getHeapMemoryUsage().getUsed();
    max = Math.max(max, last);
  }

  long maxBytes() {
    return max;
  }

  long lastBytes() {
    return last;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
