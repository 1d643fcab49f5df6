package dev.modelmonitor.bench;

import dev.modelmonitor.local.LocalCluster;
import dev.modelmonitor.producer.DropPolicy;
import dev.modelmonitor.producer.ModelMonitor;
import dev.modelmonitor.producer.ModelMonitorBuilder;
import dev.modelmonitor.producer.Prediction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * Sustained throughput of one {@link ModelMonitor} into a real broker without drops: records
 * 20-feature predictions as fast as the SDK takes them under {@code BLOCK} (so back-pressure
 * slows the caller instead of dropping), then closes (flushing everything) and prints the rate
 * end to end, acknowledgements included. Starts the in-process broker and registry unless
 * {@code --bootstrap-servers} and {@code --schema-registry} are given. Exits 1 on any drop.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.modelmonitor.bench.SustainedThroughput --events 1000000
 * </pre>
 */
public final class SustainedThroughput {
  private SustainedThroughput() {}

  public static void main(String[] args) {
    Map<String, String> options = Options.parse(args);
    long events = Long.parseLong(options.getOrDefault("events", "1000000"));
    long warmup = Long.parseLong(options.getOrDefault("warmup", "100000"));
    LocalCluster cluster = null;
    String servers = options.get("bootstrap-servers");
    String registry = options.get("schema-registry");
    if (servers == null) {
      cluster = LocalCluster.builder().kafkaPort(0).registryPort(0).partitions(1).build();
      cluster.start();
      servers = cluster.bootstrapServers();
      registry = cluster.registryUrl();
    }
    try {
      run("warm-up", servers, registry, warmup);
      int status = run("measured", servers, registry, events);
      System.exit(status);
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  private static int run(String label, String servers, String registry, long events) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ModelMonitorBuilder builder =
        ModelMonitor.builder()
            .environment(Map.of())
            .bootstrapServers(servers)
            .schemaRegistryUrl(registry)
            .modelId("throughput")
            .bufferSize(10_000)
            .dropPolicy(DropPolicy.block(Duration.ofMinutes(1)))
            .heartbeatInterval(Duration.ZERO)
            .resourceSampleInterval(Duration.ZERO)
            .closeTimeout(Duration.ofMinutes(2))
            .meterRegistry(meters);
    Map<String, Object> features = Workload.features();
    ModelMonitor monitor = builder.build();
    long start = System.nanoTime();
    for (long i = 0; i < events; i++) {
      monitor.recordPrediction(Prediction.of(features).prediction(i & 1));
    }
    long recorded = System.nanoTime();
    monitor.close();
    long flushed = System.nanoTime();
    double sent = meters.get("modelmonitor.sdk.sent").counter().count();
    double dropped =
        meters.get("modelmonitor.sdk.dropped").counters().stream().mapToDouble(Counter::count).sum();
    System.out.printf(
        "%s: %d predictions; caller %.0f/s; end to end (acknowledged) %.0f/s in %.2f s; sent %.0f, dropped %.0f%n",
        label,
        events,
        events / ((recorded - start) / 1e9),
        events / ((flushed - start) / 1e9),
        (flushed - start) / 1e9,
        sent,
        dropped);
    return dropped == 0 ? 0 : 1;
  }

  /** {@code --name value} pairs. */
  static final class Options {
    private Options() {}

    static Map<String, String> parse(String[] args) {
      Map<String, String> options = new java.util.HashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("expected --name value pairs but found " + args[i]);
        }
        options.put(args[i].substring(2), args[i + 1]);
      }
      return options;
    }
  }
}
