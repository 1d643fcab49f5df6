package dev.modelmonitor.demo;

import dev.modelmonitor.csv.CellValues;
import dev.modelmonitor.csv.ColumnType;
import dev.modelmonitor.producer.ModelMonitor;
import dev.modelmonitor.producer.Prediction;
import dev.modelmonitor.schema.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One "pod" of the containerized model app: a serving loop that embeds the {@link ModelMonitor}
 * SDK exactly as a real app would — it records each prediction with its features, latency and
 * outcome, and the ground truth a few seconds later — while following the {@link Scenario}.
 */
final class SimulatedPod implements Runnable {
  private static final Duration LABEL_DELAY = Duration.ofSeconds(3);

  private final int number;
  private final Supplier<ModelMonitor> monitors;
  private final DemandModel model;
  private final BikeData data;
  private final Map<String, ColumnType> types;
  private final Scenario scenario;
  private final double eventsPerSecond;
  private final long startNanos;
  private final SplittableRandom random;
  private final Deque<long[]> pendingLabels = new ArrayDeque<>();
  private final Deque<String> pendingIds = new ArrayDeque<>();
  private volatile boolean running = true;
  private ModelMonitor monitor;
  private long served;

  SimulatedPod(int number, Supplier<ModelMonitor> monitors, DemandModel model, BikeData data,
      Map<String, ColumnType> types, Scenario scenario, double eventsPerSecond, long startNanos) {
    this.number = number;
    this.monitors = monitors;
    this.model = model;
    this.data = data;
    this.types = types;
    this.scenario = scenario;
    this.eventsPerSecond = eventsPerSecond;
    this.startNanos = startNanos;
    this.random = new SplittableRandom(number);
  }

  @Override
  public void run() {
    monitor = monitors.get();
    monitor.start();
    long next = System.nanoTime();
    boolean wasSilent = false;
    while (running) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      boolean silent = scenario.silent(number, elapsed);
      if (silent != wasSilent) {
        wasSilent = silent;
        if (!silent) {
          // Back from a hang: the pod is restarted, as Kubernetes would after a failed probe.
          monitor.close();
          monitor = monitors.get();
          monitor.start();
        }
      }
      if (!silent) {
        serve(elapsed);
      }
      sendDueLabels();
      next += (long) (1e9 / eventsPerSecond * (0.5 + random.nextDouble()));
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    monitor.close(Duration.ofSeconds(5));
  }

  private void serve(Duration elapsed) {
    List<Map<String, String>> rows = scenario.drifted(elapsed) ? data.summer2012() : data.year2011();
    Map<String, String> row = rows.get(random.nextInt(rows.size()));
    Map<String, Object> features = new HashMap<>();
    for (String f : BikeData.FEATURES) {
      features.put(f, CellValues.parse(row.get(f), types.getOrDefault(f, ColumnType.NUMERIC)));
    }
    // Latency: log-normal around 8 ms; a failing feature store makes calls slow too.
    boolean fails = random.nextDouble() < scenario.errorRate(number, elapsed);
    double latencyMs = Math.exp(Math.log(8) + 0.35 * random.nextGaussian()) * (fails ? 20 : 1);
    Prediction prediction =
        Prediction.of(features).latencyMicros((long) (latencyMs * 1000));
    if (fails) {
      prediction.error(Outcome.TIMEOUT, "FeatureStoreTimeoutException", "feature store did not answer in 150 ms");
    } else {
      prediction.prediction(model.predict(row));
    }
    String requestId = monitor.recordPrediction(prediction);
    served++;
    if (!fails && requestId != null) {
      pendingIds.addLast(requestId);
      pendingLabels.addLast(new long[] {System.nanoTime() + LABEL_DELAY.toNanos(), Long.parseLong(row.get(BikeData.LABEL))});
    }
  }

  private void sendDueLabels() {
    long now = System.nanoTime();
    while (!pendingLabels.isEmpty() && pendingLabels.peekFirst()[0] <= now) {
      long actual = pendingLabels.removeFirst()[1];
      monitor.recordLabel(pendingIds.removeFirst(), actual);
    }
  }

  long served() {
    return served;
  }

  void stop() {
    running = false;
  }
}
