package dev.modelmonitor.producer;

import dev.modelmonitor.producer.internal.EventSender;
import dev.modelmonitor.producer.internal.ResourceSampler;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The periodic state events after {@link ModelMonitor#start()}: a heartbeat every heartbeat
 * interval and a resource sample every resource interval (a zero interval turns either off).
 * The resource sampler is primed on the first tick, so every sample sent has a CPU figure where
 * the cgroup has one. Scheduling uses the monotonic clock; event timestamps the monitor's clock.
 */
final class StatePulse implements EventSender.Ticker {
  private final Events events;
  private final ResourceSampler sampler;
  private final Clock clock;
  private final long startMillis;
  private final long heartbeatNanos;
  private final long heartbeatMillis;
  private final long resourceNanos;
  private long nextHeartbeat;
  private long nextResources;
  private long sequence;
  private boolean primed;

  StatePulse(
      Events events, ResourceSampler sampler, Clock clock, Duration heartbeat, Duration resources) {
    this.events = events;
    this.sampler = sampler;
    this.clock = clock;
    this.startMillis = clock.millis();
    this.heartbeatNanos = heartbeat.toNanos();
    this.heartbeatMillis = heartbeat.toMillis();
    this.resourceNanos = resources.toNanos();
  }

  @Override
  public long tick(long now, Consumer<SpecificRecord> out) {
    if (!primed) {
      primed = true;
      nextHeartbeat = now + heartbeatNanos;
      nextResources = now + resourceNanos;
      if (resourceNanos > 0) {
        sampler.sample();
      }
    }
    long until = Long.MAX_VALUE;
    if (heartbeatNanos > 0) {
      if (now - nextHeartbeat >= 0) {
        sequence++;
        out.accept(events.heartbeat(sequence, clock.millis() - startMillis, heartbeatMillis));
        nextHeartbeat = now + heartbeatNanos;
      }
      until = Math.min(until, nextHeartbeat - now);
    }
    if (resourceNanos > 0) {
      if (now - nextResources >= 0) {
        out.accept(events.resources(sampler.sample()));
        nextResources = now + resourceNanos;
      }
      until = Math.min(until, nextResources - now);
    }
    return until;
  }
}
