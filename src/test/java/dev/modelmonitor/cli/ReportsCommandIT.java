package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.report.ReportFixtures;
import dev.modelmonitor.report.ReportTimes;
import dev.modelmonitor.topic.TopicNames;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reports list|show|export} against a real broker and registry: reports of two models,
 * bike-demand's reference, and one undecodable record on the reports topic.
 */
@ExtendWith(LocalClusterExtension.class)
class ReportsCommandIT {
  /** Windows end in the past: the broker refuses record timestamps over an hour ahead. */
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));

  static TopicNames names;
  static TestCluster cluster;

  @TempDir Path dir;

  @BeforeAll
  static void publish(TestCluster testCluster) {
    cluster = testCluster;
    names = cluster.createTopics();
    try (ReportTopics topics = new ReportTopics(cluster, names)) {
      topics.reference(ReportFixtures.bikeReference());
      topics.report(ReportFixtures.small("churn", T0, false));
      topics.report(ReportFixtures.small("churn", T0.plusSeconds(3600), true));
      topics.report(ReportFixtures.bikeReport());
      topics.report(ReportFixtures.small("churn", T0.plusSeconds(7200), false));
      topics.flush();
      topics.garbage("churn", T0.plusSeconds(7300));
    }
  }

  @Test
  void listPrintsOneLinePerReportOldestWindowFirst() {
    CliRun run = CliRun.run(args("reports", "list", "--model", "churn"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            model  window start          window end            events  errors  drift share  drifted  status
            churn  %s  %s      10       1     0/1 (0%%)  no       Warning
            churn  %s  %s      10       1   1/1 (100%%)  yes      Dataset drift
            churn  %s  %s      10       1     0/1 (0%%)  no       Warning
            """
                .formatted(at(0), at(1), at(1), at(2), at(2), at(3)));
    assertThat(run.err())
        .isEqualTo(
            "warning: skipped 1 records of "
                + names.reports()
                + " that could not be decoded"
                + System.lineSeparator());
  }

  @Test
  void listsEveryModelWithoutModelAndOnlyLaterWindowsWithFrom() throws Exception {
    CliRun all = CliRun.run(args("reports", "list", "--format", "json"));
    CliRun later =
        CliRun.run(
            args(
                "reports",
                "list",
                "--model",
                "churn",
                "--from",
                T0.plusSeconds(3600).toString(),
                "--to",
                T0.plusSeconds(7200).toString()));

    JsonNode json = new ObjectMapper().readTree(all.out());
    List<String> rows = new ArrayList<>();
    json.forEach(
        n ->
            rows.add(
                n.get("modelId").asText()
                    + "@"
                    + n.get("windowStart").asText()
                    + ":"
                    + n.get("status").asText()));
    assertThat(rows)
        .containsExactly(
            "bike-demand@2012-07-01T00:00:00Z:DRIFT",
            "churn@" + T0 + ":WARNING",
            "churn@" + T0.plusSeconds(3600) + ":DRIFT",
            "churn@" + T0.plusSeconds(7200) + ":WARNING");
    assertThat(later.exitCode()).isZero();
    assertThat(later.out().lines()).hasSize(2).last().asString().startsWith("churn  " + at(1));
  }

  @Test
  void showPrintsTheLatestReportOrTheWindowAskedFor() throws Exception {
    CliRun latest = CliRun.run(args("reports", "show", "--model", "churn"));
    CliRun second =
        CliRun.run(
            args(
                "reports",
                "show",
                "--model",
                "churn",
                "--window-start",
                T0.plusSeconds(3600).toString(),
                "--format",
                "json"));

    assertThat(latest.exitCode()).isZero();
    assertThat(latest.out())
        .startsWith("churn  " + at(2) + " → " + at(3) + " (1 h)\nWARNING: No drift");
    assertThat(second.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(second.out());
    assertThat(json.get("status").asText()).isEqualTo("DRIFT");
    assertThat(json.get("report").get("windowStart").asText())
        .isEqualTo(T0.plusSeconds(3600).toString());
  }

  @Test
  void showsHtmlWithTheReferenceDistributionsDrawn() {
    CliRun run = CliRun.run(args("reports", "show", "--model", "bike-demand", "--format", "html"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("data-series=\"reference\"");
  }

  @Test
  void exportWritesHtmlAndJsonPerReportAndAnIndex() throws Exception {
    Path out = dir.resolve("reports");

    CliRun run =
        CliRun.run(args("reports", "export", "--format", "html,json", "--out", out.toString()));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "wrote 4 reports of 2 models (html, json) to "
                + out
                + "; open "
                + out.resolve("index.html")
                + System.lineSeparator());
    assertThat(out.resolve("bike-demand/2012-07-01T00-00-00Z.html")).isRegularFile();
    assertThat(out.resolve("churn/" + file(2) + ".json")).isRegularFile();
    assertThat(Files.readString(out.resolve("bike-demand/2012-07-01T00-00-00Z.html")))
        .contains("data-series=\"reference\"");
    assertThat(Files.readString(out.resolve("churn/" + file(0) + ".html")))
        .doesNotContain("data-series=\"reference\""); // churn has no reference published
    assertThat(Files.readString(out.resolve("index.html")))
        .contains("href=\"churn/" + file(1) + ".html\"")
        .contains("href=\"bike-demand/2012-07-01T00-00-00Z.json\"");
  }

  @Test
  void exitsThreeWithAMessageWhenNoReportMatches() {
    CliRun run = CliRun.run(args("reports", "list", "--model", "nobody"));
    CliRun show =
        CliRun.run(args("reports", "show", "--model", "churn", "--window-start", "2020-01-01"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "no reports for model 'nobody' in "
                + names.reports()
                + " (5 records read)"
                + System.lineSeparator()
                + ReportSource.NOT_YET
                + System.lineSeparator());
    assertThat(show.exitCode()).isEqualTo(3);
    assertThat(show.err())
        .endsWith(
            "no report of model 'churn' for the window starting at 2020-01-01T00:00:00Z; "
                + "3 other windows: model-monitor reports list --model churn"
                + System.lineSeparator());
  }

  @Test
  void saysToCreateTheTopicsWhenTheyAreMissing() {
    TopicNames none = cluster.newTopicNames();

    CliRun run =
        CliRun.run(
            "reports",
            "list",
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--schema-registry",
            cluster.registryUrl(),
            "--topic-prefix",
            none.prefix(),
            "--timeout",
            "5s");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: topic "
                + none.reports()
                + " does not exist; create the topics with "
                + "model-monitor topics create, or check --topic-prefix"
                + System.lineSeparator());
  }

  @Test
  void anUnreachableBrokerExitsOneWithAClearMessageAfterTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    CliRun run =
        CliRun.run(
            "reports", "list", "--bootstrap-servers", "localhost:" + closedPort, "--timeout", "2s");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: Kafka at localhost:"
                + closedPort
                + " did not answer within 2s; is the "
                + "broker running (model-monitor local) and --bootstrap-servers right?"
                + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void showsALiveCountWhenReadingManyRecords() {
    TopicNames many = cluster.createTopics(cluster.newTopicNames(), 2);
    Instant first = T0.minus(Duration.ofHours(1_200));
    try (ReportTopics topics = new ReportTopics(cluster, many)) {
      for (int i = 0; i < 1_200; i++) {
        topics.report(ReportFixtures.small("m" + (i % 3), first.plusSeconds(3600L * i), false));
      }
      topics.flush();
    }

    CliRun run =
        CliRun.run(
            "reports",
            "list",
            "--model",
            "m1",
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--schema-registry",
            cluster.registryUrl(),
            "--topic-prefix",
            many.prefix());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines()).hasSize(1 + 400);
    assertThat(run.err()).contains("read " + many.reports() + " 1,200/1,200 (100%)");
  }

  /** The start of the {@code hours}-th churn window as tables print it. */
  private static String at(int hours) {
    return ReportTimes.format(T0.plusSeconds(3600L * hours), ZoneOffset.UTC);
  }

  private static String file(int hours) {
    return dev.modelmonitor.report.ReportFiles.windowName(T0.plusSeconds(3600L * hours));
  }

  private static String[] args(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(
        List.of(
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--schema-registry",
            cluster.registryUrl(),
            "--topic-prefix",
            names.prefix()));
    return all.toArray(String[]::new);
  }
}
