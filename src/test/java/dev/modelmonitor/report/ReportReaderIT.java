package dev.modelmonitor.report;

import dev.modelmonitor.client.ReadProgress;
import dev.modelmonitor.client.TopicBacklog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.local.KafkaUnreachableException;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.registry.HttpSchemaRegistryClient;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalClusterExtension.class)
class ReportReaderIT {
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(10));

  @Test
  void keepsTheLastReportOfAWindowAndFiltersByWindowStart(TestCluster cluster) throws Exception {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 3);
    send(
        cluster,
        names.reports(),
        "churn",
        T0.plusSeconds(3600),
        ReportFixtures.small("churn", T0, false));
    send(
        cluster,
        names.reports(),
        "churn",
        T0.plusSeconds(7200),
        ReportFixtures.small("churn", T0.plusSeconds(3600), false));
    send(
        cluster,
        names.reports(),
        "other",
        T0.plusSeconds(7200),
        ReportFixtures.small("other", T0.plusSeconds(3600), false));
    send(
        cluster,
        names.reports(),
        "churn",
        T0.plusSeconds(7300),
        ReportFixtures.small("churn", T0, true)); // re-emitted
    List<Long> totals = new ArrayList<>();
    ReportReader reader = reader(cluster, names, cluster.bootstrapServers());

    ReportReader.Result<ModelReport> all =
        reader.reports(
            "churn",
            null,
            null,
            (t, read, total, done) -> {
              if (done) {
                totals.add(read);
                totals.add(total);
              }
            });
    ReportReader.Result<ModelReport> later =
        reader.reports(null, T0.plusSeconds(3600), null, ReadProgress.NONE);

    assertThat(all.values())
        .extracting(r -> r.getWindowStart() + " " + r.getDatasetDrift().getDrifted())
        .containsExactly(T0 + " true", T0.plusSeconds(3600) + " false");
    assertThat(all.records()).isEqualTo(4);
    assertThat(totals).containsExactly(4L, 4L);
    assertThat(later.values())
        .extracting(r -> r.getModelId() + "@" + r.getWindowStart())
        .containsExactly("churn@" + T0.plusSeconds(3600), "other@" + T0.plusSeconds(3600));
  }

  @Test
  void drawsEachReportAgainstTheReferenceItUsedWhileTheTopicHoldsIt(TestCluster cluster)
      throws Exception {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 1);
    ReferenceProfile v1 = ReportFixtures.bikeReference();
    ReferenceProfile v2 =
        ReferenceProfile.newBuilder(v1)
            .setCreatedAt(v1.getCreatedAt().plusSeconds(86_400))
            .setSource("hour.csv (2012)")
            .build();
    send(cluster, names.reference(), "bike-demand", v1.getCreatedAt(), v1);
    send(cluster, names.reference(), "bike-demand", v2.getCreatedAt(), v2);
    send(
        cluster,
        names.reference(),
        "gone",
        v2.getCreatedAt(),
        ReferenceProfile.newBuilder(v1).setModelId("gone").build());
    send(cluster, names.reference(), "gone", v2.getCreatedAt(), null);

    References refs =
        reader(cluster, names, cluster.bootstrapServers()).references(null, ReadProgress.NONE);

    ModelReport usedV1 = ReportFixtures.bikeReport();
    ModelReport unknownVersion =
        ModelReport.newBuilder(usedV1).setReferenceCreatedAt(Instant.EPOCH).build();
    assertThat(refs.forReport(usedV1).getSource()).isEqualTo("hour.csv (yr=0)");
    assertThat(refs.forReport(unknownVersion).getSource()).isEqualTo("hour.csv (2012)");
    assertThat(refs.latest("bike-demand").getSource()).isEqualTo("hour.csv (2012)");
    assertThat(refs.latest("gone")).isNull();
    assertThat(refs.modelCount()).isEqualTo(1);
  }

  @Test
  void aMissingTopicIsNamedAndAMissingReferenceTopicMeansNoReferences(TestCluster cluster) {
    TopicNames none = cluster.newTopicNames();
    ReportReader reader = reader(cluster, none, cluster.bootstrapServers());

    assertThatThrownBy(() -> reader.reports(null, null, null, ReadProgress.NONE))
        .isInstanceOf(TopicBacklog.TopicMissingException.class)
        .hasMessage("topic " + none.reports() + " does not exist");
    assertThat(reader.references(null, ReadProgress.NONE).modelCount()).isZero();
  }

  @Test
  void givesUpOnAnUnreachableBrokerAfterTheTimeout(TestCluster cluster) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ReportReader reader = reader(cluster, cluster.newTopicNames(), "localhost:" + closedPort);

    assertThatThrownBy(() -> reader.reports(null, null, null, ReadProgress.NONE))
        .isInstanceOf(KafkaUnreachableException.class)
        .hasMessage("Kafka at localhost:" + closedPort + " did not answer within 2s");
  }

  private static ReportReader reader(TestCluster cluster, TopicNames names, String bootstrap) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    return new ReportReader(
        props,
        new Topics(names, new HttpSchemaRegistryClient(cluster.registryUrl())),
        Duration.ofSeconds(2));
  }

  private static void send(
      TestCluster cluster, String topic, String key, Instant time, SpecificRecord value)
      throws Exception {
    Map<String, Object> props = new HashMap<>(cluster.clientProperties());
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(
            props,
            new StringSerializer(),
            new AvroSerializer<>(new HttpSchemaRegistryClient(cluster.registryUrl())))) {
      producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key, value)).get();
    }
  }
}
