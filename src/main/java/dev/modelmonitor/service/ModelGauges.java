package dev.modelmonitor.service;

import dev.modelmonitor.checks.ModelQueries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-model gauges for Prometheus, tagged {@code model}: error rate, p99 latency and drift share
 * of the last whole minute, and alerts firing. Each instance reports the models whose partitions
 * it owns (the checks' local stores), so a sum or max over instances covers every model once;
 * open alerts come from the alert topic, which every instance reads whole, so they are reported
 * by every instance (use {@code max by (model)}).
 */
final class ModelGauges implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelGauges.class);

  private final Supplier<KafkaStreams> checks;
  private final AlertLog alerts;
  private final MultiGauge errorRate;
  private final MultiGauge latencyP99;
  private final MultiGauge driftShare;
  private final MultiGauge openAlerts;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-gauges");
        t.setDaemon(true);
        return t;
      });

  /** @param checks the Streams application holding the checks' stores, null until started */
  ModelGauges(MeterRegistry meters, Supplier<KafkaStreams> checks, AlertLog alerts) {
    this.checks = checks;
    this.alerts = alerts;
    errorRate = MultiGauge.builder("modelmonitor.model.error.rate")
        .description("Share of the model's predictions not OK in the last whole minute")
        .register(meters);
    latencyP99 = MultiGauge.builder("modelmonitor.model.latency.p99")
        .description("99th percentile of the model's latency in the last whole minute")
        .baseUnit("seconds")
        .register(meters);
    driftShare = MultiGauge.builder("modelmonitor.model.drift.share")
        .description("Share of the model's features drifted from its reference in the last whole minute")
        .register(meters);
    openAlerts = MultiGauge.builder("modelmonitor.model.alerts.open")
        .description("Alerts firing for the model")
        .register(meters);
  }

  /** Refreshes the gauges now and then every {@code periodSeconds}. */
  void start(long periodSeconds) {
    refresher.scheduleWithFixedDelay(this::refresh, 0, periodSeconds, TimeUnit.SECONDS);
  }

  void refresh() {
    List<MultiGauge.Row<?>> errors = new ArrayList<>();
    List<MultiGauge.Row<?>> latencies = new ArrayList<>();
    List<MultiGauge.Row<?>> drift = new ArrayList<>();
    KafkaStreams streams = checks.get();
    if (streams != null && streams.state() == KafkaStreams.State.RUNNING) {
      try {
        for (ModelQueries.ModelOverview m : ModelQueries.of(streams).models(Instant.now())) {
          ModelQueries.MinutePoint last = m.lastMinute();
          Tags model = Tags.of("model", m.modelId());
          if (last.errorRate() != null) {
            errors.add(MultiGauge.Row.of(model, last.errorRate()));
          }
          if (last.latencyP99Ms() != null) {
            latencies.add(MultiGauge.Row.of(model, last.latencyP99Ms() / 1000.0));
          }
          if (last.driftShare() != null) {
            drift.add(MultiGauge.Row.of(model, last.driftShare()));
          }
        }
      } catch (InvalidStateStoreException e) {
        // Rebalancing: keep the previous values until the stores are queryable again.
        return;
      } catch (RuntimeException e) {
        log.warn("cannot refresh the per-model gauges: {}", e.getMessage());
        return;
      }
    }
    errorRate.register(errors, true);
    latencyP99.register(latencies, true);
    driftShare.register(drift, true);
    Set<String> models = new TreeSet<>();
    alerts.latest().forEach(a -> models.add(a.getModelId()));
    List<MultiGauge.Row<?>> open = new ArrayList<>();
    for (String model : models) {
      open.add(MultiGauge.Row.of(Tags.of("model", model), alerts.open(model).size()));
    }
    openAlerts.register(open, true);
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
