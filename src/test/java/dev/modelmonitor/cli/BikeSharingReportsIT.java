package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.reports.ReportsSettings;
import dev.modelmonitor.reports.ReportsTopology;
import dev.modelmonitor.schema.DriftResult;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.Performance;
import dev.modelmonitor.streams.PipelineContext;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports pipeline end to end on a real broker, registry and Kafka Streams (exactly-once):
 * bike sharing 2011 published as the reference with {@code reference publish}, 2012 replayed with
 * {@code produce}, 30-day windows; every window's report must carry the drift statistics that
 * numpy/scipy compute independently from the same rows ({@code generate_expected.py}).
 */
@ExtendWith(LocalClusterExtension.class)
class BikeSharingReportsIT {
  private static final String MODEL = "bike";
  private static final String TYPES = "season=categorical,mnth=categorical,holiday=categorical,"
      + "weekday=categorical,workingday=categorical,weathersit=categorical";

  @TempDir Path dir;

  @Test
  void reportsOf2012Against2011CarryTheIndependentlyComputedDriftAndPerformance(
      TestCluster cluster) throws Exception {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 2);
    JsonNode expected = new ObjectMapper().readTree(
        getClass().getResourceAsStream("/reports/expected-bike-report-windows.json"));
    Path csv = BikeData.file("bike-sharing/hour.csv");
    assertThat(BikeData.sha256(csv)).isEqualTo(expected.get("sha256").asText());
    String[] connection = {"--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.registryUrl(), "--topic-prefix", names.prefix()};

    CliRun publish = CliRun.run(concat(new String[] {"reference", "publish", "--model", MODEL,
        "--csv", csv.toString(), "--where", "yr=0", "--exclude", "instant,dteday,yr,hr,casual",
        "--types", TYPES, "--prediction-column", "registered", "--label-column", "cnt"},
        connection));
    assertThat(publish.exitCode()).as(publish.err()).isZero();
    assertThat(publish.out()).startsWith("published the reference of model bike to "
        + names.reference() + ": 8,645 rows of hour.csv, 10 features, prediction registered, "
        + "label cnt, task regression");

    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(cluster.registryUrl()));
    StreamsBuilder builder = new StreamsBuilder();
    ReportsTopology.addTo(builder, new PipelineContext(topics, meters, Clock.systemUTC()),
        ReportsSettings.defaults().with(ReportsSettings.WINDOW, "30d")
            .with(ReportsSettings.GRACE, "1h").with(ReportsSettings.LABELS_MAX_DELAY, "1h"));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, cluster.uniqueName("bike-reports"));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.putAll(ReportsTopology.recommendedStreamsConfig());
    try (KafkaStreams streams = new KafkaStreams(builder.build(props), props)) {
      streams.start();
      await().atMost(Duration.ofSeconds(60))
          .until(() -> streams.state() == KafkaStreams.State.RUNNING);

      CliRun produce = CliRun.run(concat(new String[] {"produce", "--model", MODEL,
          "--csv", csv.toString(), "--where", "yr=1", "--timestamp-column", "dteday",
          "--hour-column", "hr", "--exclude", "instant,yr,casual", "--types", TYPES,
          "--prediction-column", "registered", "--label-column", "cnt", "--extend-retention"},
          connection));
      assertThat(produce.exitCode()).as(produce.err()).isZero();
      assertThat(produce.out()).contains("produced 8,734 prediction events to "
          + names.predictions() + " and 8,734 label events to " + names.labels());
      // One event far later moves stream time past the last 2012 window's emit time.
      Path later = Files.writeString(dir.resolve("later.csv"), "dteday,temp\n2013-06-01,0.5\n");
      CliRun close = CliRun.run(concat(new String[] {"produce", "--model", MODEL,
          "--csv", later.toString(), "--timestamp-column", "dteday"}, connection));
      assertThat(close.exitCode()).as(close.err()).isZero();

      Map<Long, ModelReport> reports = readReports(topics, cluster, 13,
          () -> "streams " + streams.state() + "; " + counters(meters));
      // A prediction dead-lettered as LATE would be missing from its window's counts.
      assertThat(meters.find("modelmonitor.dlq.records").counters())
          .allSatisfy(c -> assertThat(c.count()).as(c.getId().toString()).isZero());
      JsonNode windows = expected.get("windows");
      assertThat(reports.keySet()).containsExactlyElementsOf(starts(windows));
      for (JsonNode window : windows) {
        assertWindow(reports.get(window.get("windowStart").asLong()), window);
      }
      assertThat(ReportsTopology.latestReports(streams).get(MODEL).getWindowStart())
          .isEqualTo(reports.get(windows.get(12).get("windowStart").asLong()).getWindowStart());
    }
    Counter joined = meters.get("modelmonitor.reports.labels").tag("result", "joined").counter();
    assertThat(joined.count()).isEqualTo(8734.0);
  }

  private static void assertWindow(ModelReport report, JsonNode window) {
    String at = "window " + report.getWindowStart();
    assertThat(report.getWindowEnd().toEpochMilli()).isEqualTo(window.get("windowEnd").asLong());
    assertThat(report.getEventCount()).as(at).isEqualTo(window.get("rows").asLong());
    assertThat(report.getErrorCount()).isZero();
    assertThat(report.getHasReference()).isTrue();
    assertThat(report.getFeatures()).hasSize(window.get("features").size());
    for (JsonNode f : window.get("features")) {
      String name = f.get("feature").asText();
      FeatureReport feature = report.getFeatures().stream()
          .filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
      assertDrift(at + " " + name, feature, f);
    }
    assertDrift(at + " prediction", report.getPrediction(), window.get("prediction"));
    Performance p = report.getPerformance();
    JsonNode perf = window.get("performance");
    assertThat(p.getLabeledCount()).as(at).isEqualTo(perf.get("labeled").asLong());
    assertThat(p.getMae()).as(at).isCloseTo(perf.get("mae").asDouble(), within(1e-9));
    assertThat(p.getRmse()).as(at).isCloseTo(perf.get("rmse").asDouble(), within(1e-9));
    assertThat(p.getBias()).as(at).isCloseTo(perf.get("bias").asDouble(), within(1e-9));
    assertThat(p.getMape()).as(at).isCloseTo(perf.get("mape").asDouble(), within(1e-9));
  }

  private static void assertDrift(String what, FeatureReport feature, JsonNode expected) {
    DriftResult drift = feature.getDrift();
    assertThat(drift).as(what).isNotNull();
    assertThat(drift.getPsi()).as(what + " PSI")
        .isCloseTo(expected.get("psi").asDouble(), within(1e-9));
    assertThat(drift.getJsDistance()).as(what + " JS")
        .isCloseTo(expected.get("jsDistance").asDouble(), within(1e-9));
    assertThat(drift.getMethod()).as(what)
        .isEqualTo(expected.get("decision").get("method").asText());
    assertThat(drift.getDrifted()).as(what)
        .isEqualTo(expected.get("decision").get("drifted").asBoolean());
    if (expected.get("type").asText().equals("numeric")) {
      List<Long> bins = new ArrayList<>();
      expected.get("currentBinCounts").forEach(n -> bins.add(n.asLong()));
      assertThat(feature.getCurrent().getBinCounts()).as(what + " bins").isEqualTo(bins);
      assertThat(drift.getKsStatistic()).as(what + " KS")
          .isCloseTo(expected.get("ksStatistic").asDouble(), within(1e-9));
      assertThat(drift.getWassersteinNormed()).as(what + " W")
          .isCloseTo(expected.get("wassersteinNormed").asDouble(), within(1e-9));
    } else {
      assertThat(drift.getChiSquare()).as(what + " chi2")
          .isCloseTo(expected.get("chiSquare").asDouble(),
              within(1e-9 * Math.max(1, expected.get("chiSquare").asDouble())));
    }
  }

  private static String counters(SimpleMeterRegistry meters) {
    StringBuilder out = new StringBuilder();
    meters.getMeters().forEach(m -> {
      if (m instanceof Counter c) {
        out.append(c.getId().getName()).append(c.getId().getTags()).append('=')
            .append(c.count()).append(' ');
      }
    });
    return out.toString();
  }

  private static Map<Long, ModelReport> readReports(Topics topics, TestCluster cluster,
      int count, java.util.function.Supplier<String> diagnostics) {
    Map<Long, ModelReport> reports = new TreeMap<>();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("bike-reports-reader"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, ModelReport> consumer = new KafkaConsumer<>(props,
        new StringDeserializer(), topics.reports().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.names().reports()));
      await().atMost(Duration.ofMinutes(5))
          .conditionEvaluationListener(c -> {
            // On a slow machine, say what the pipeline has done so far.
            if (c.getElapsedTimeInMS() / 30_000 > (c.getElapsedTimeInMS() - 100) / 30_000) {
              System.out.println("waiting for reports: have " + reports.keySet() + "; "
                  + diagnostics.get());
            }
          })
          .until(() -> {
        for (ConsumerRecord<String, ModelReport> r : consumer.poll(Duration.ofMillis(200))) {
          ModelReport previous = reports.put(r.value().getWindowStart().toEpochMilli(), r.value());
          assertThat(previous).as("a second report for " + r.value().getReportId()).isNull();
        }
        return reports.size() >= count;
      });
    }
    return reports;
  }

  private static List<Long> starts(JsonNode windows) {
    List<Long> starts = new ArrayList<>();
    windows.forEach(w -> starts.add(w.get("windowStart").asLong()));
    return starts;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The shared real data: -Dmm.shared.data, else ../shared/data, else the committed copies. */
  static final class BikeData {
    private BikeData() {}

    static Path file(String relative) {
      String configured = System.getProperty("mm.shared.data");
      if (configured != null) {
        return Path.of(configured).resolve(relative);
      }
      Path root = Path.of("").toAbsolutePath();
      while (root != null && !Files.isRegularFile(root.resolve("streams").resolve("pom.xml"))) {
        root = root.getParent();
      }
      if (root == null) {
        throw new IllegalStateException("cannot find the repository root from "
            + Path.of("").toAbsolutePath());
      }
      Path shared = root.resolveSibling("shared").resolve("data").resolve(relative);
      return Files.isRegularFile(shared) ? shared
          : root.resolve("streams/src/test/resources/data").resolve(relative);
    }

    static String sha256(Path path) throws IOException {
      try {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest
            .getInstance("SHA-256").digest(Files.readAllBytes(path)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
