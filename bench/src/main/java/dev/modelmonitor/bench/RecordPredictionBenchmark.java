package dev.modelmonitor.bench;

import dev.modelmonitor.local.LocalCluster;
import dev.modelmonitor.producer.DropPolicy;
import dev.modelmonitor.producer.ModelMonitor;
import dev.modelmonitor.producer.Prediction;
import dev.modelmonitor.registry.InMemorySchemaRegistryClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The app thread's cost of {@code recordPrediction} with 20 features (DROP_NEWEST), with the
 * broker unreachable and with the in-process broker and registry taking the events, next to two
 * baselines measured in the same run: copying the feature map, and copying it plus an {@link
 * ArrayBlockingQueue} offer and poll (the least a safe hand-off to another thread costs).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar RecordPredictionBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class RecordPredictionBenchmark {
  /** {@code unreachable}: nothing listens on the bootstrap port; {@code local}: the in-process broker. */
  @Param({"unreachable", "local"})
  public String broker;

  private LocalCluster cluster;
  private ModelMonitor monitor;
  private SimpleMeterRegistry meters;
  private Map<String, Object> features;
  private ArrayBlockingQueue<Object> queue;

  @Setup(Level.Trial)
  public void setUp() {
    features = Workload.features();
    queue = new ArrayBlockingQueue<>(10_000);
    meters = new SimpleMeterRegistry();
    var builder =
        ModelMonitor.builder()
            .environment(Map.of())
            .modelId("bench")
            .bufferSize(10_000)
            .dropPolicy(DropPolicy.DROP_NEWEST)
            .heartbeatInterval(Duration.ZERO)
            .resourceSampleInterval(Duration.ZERO)
            .meterRegistry(meters);
    if (broker.equals("local")) {
      cluster = LocalCluster.builder().kafkaPort(0).registryPort(0).partitions(1).build();
      cluster.start();
      builder.bootstrapServers(cluster.bootstrapServers()).schemaRegistryUrl(cluster.registryUrl());
    } else {
      builder.bootstrapServers("localhost:" + freePort()).schemaRegistry(new InMemorySchemaRegistryClient());
    }
    monitor = builder.build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    monitor.close(Duration.ofSeconds(10));
    double dropped =
        meters.get("modelmonitor.sdk.dropped").counters().stream().mapToDouble(Counter::count).sum();
    System.out.printf(
        "%n[%s] recorded %.0f, sent %.0f, dropped %.0f%n",
        broker,
        meters.get("modelmonitor.sdk.recorded").counter().count(),
        meters.get("modelmonitor.sdk.sent").counter().count(),
        dropped);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Benchmark
  public String recordPrediction() {
    return monitor.recordPrediction(Prediction.of(features).prediction(1L));
  }

  @Benchmark
  public Object baselineCopyFeatures() {
    return new HashMap<>(features);
  }

  @Benchmark
  public Object baselineCopyAndQueueOfferPoll() {
    queue.offer(new HashMap<>(features));
    return queue.poll();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
