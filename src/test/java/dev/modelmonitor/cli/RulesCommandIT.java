package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.topic.TopicNames;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalClusterExtension.class)
class RulesCommandIT {
  @TempDir Path dir;

  private static final String TWO_RULES = """
      rules:
        - id: errors
          metric: error_rate
          window: 1m
          op: ">"
          threshold: 0.05
          severity: critical
        - id: silent
          metric: silence_s
          op: ">"
          threshold: 60
      """;

  private String[] args(TestCluster cluster, TopicNames names, String... command) {
    String[] common = {
      "--bootstrap-servers", cluster.bootstrapServers(),
      "--schema-registry", cluster.registryUrl(),
      "--topic-prefix", names.prefix()
    };
    String[] all = new String[command.length + common.length];
    System.arraycopy(command, 0, all, 0, command.length);
    System.arraycopy(common, 0, all, command.length, common.length);
    return all;
  }

  private Path file(String name, String yaml) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void appliesListsChangesPrunesAndDeletes(TestCluster cluster) throws Exception {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 1);
    Path first = file("first.yaml", TWO_RULES);

    CliRun apply = CliRun.run(args(cluster, names, "rules", "apply", "--file", first.toString()));
    assertThat(apply.err()).isEmpty();
    assertThat(apply.exitCode()).isZero();
    assertThat(apply.out().lines().toList()).containsExactly(
        "added     errors", "added     silent", "2 added, 0 changed, 0 unchanged, 0 deleted on " + names.rules());

    CliRun list = CliRun.run(args(cluster, names, "rules", "list"));
    assertThat(list.exitCode()).isZero();
    assertThat(list.out().lines().toList()).containsExactly(
        "errors: * error_rate > 0.05 (window 1m, for 0s, critical)",
        "silent: * silence_s > 60 (window 1m, for 0s, warning)",
        "2 rules in force on " + names.rules());

    Path second = file("second.yaml", """
        rules:
          - id: errors
            metric: error_rate
            window: 1m
            op: ">"
            threshold: 0.1
            severity: critical
        """);
    CliRun change = CliRun.run(args(cluster, names, "rules", "apply", "--file", second.toString(), "--prune"));
    assertThat(change.exitCode()).isZero();
    assertThat(change.out().lines().toList()).containsExactly(
        "changed   errors", "deleted   silent", "0 added, 1 changed, 0 unchanged, 1 deleted on " + names.rules());

    CliRun yaml = CliRun.run(args(cluster, names, "rules", "list", "--output", "yaml"));
    Path listed = file("listed.yaml", yaml.out());
    CliRun again = CliRun.run(args(cluster, names, "rules", "apply", "--file", listed.toString()));
    assertThat(again.out().lines().toList()).containsExactly(
        "unchanged errors", "0 added, 0 changed, 1 unchanged, 0 deleted on " + names.rules());

    CliRun delete = CliRun.run(args(cluster, names, "rules", "delete", "errors", "ghost"));
    assertThat(delete.exitCode()).isEqualTo(1);
    assertThat(delete.out().lines().toList()).containsExactly("deleted   errors", "1 deleted on " + names.rules());
    assertThat(delete.err().lines().toList()).containsExactly("warning: no rule ghost was in force");
    assertThat(CliRun.run(args(cluster, names, "rules", "list")).out().lines().toList())
        .containsExactly("0 rules in force on " + names.rules());
  }

  @Test
  void anInvalidFilePublishesNothing(TestCluster cluster) throws Exception {
    TopicNames names = cluster.createTopics(cluster.newTopicNames(), 1);
    Path bad = file("bad.yaml", TWO_RULES + """
          - id: broken
            metric: latency_p99_ms
            window: 5x
            op: ">"
            threshold: 1
        """);
    CliRun apply = CliRun.run(args(cluster, names, "rules", "apply", "--file", bad.toString()));
    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.out()).isEmpty();
    assertThat(apply.err().lines().toList()).containsExactly(
        "error: " + bad + " has 1 problem; nothing was applied:",
        "  rule 'broken': field 'window': '5x' is not a duration; write e.g. 500ms, 30s, 15m, 1h, 30d or 1h30m");
    assertThat(CliRun.run(args(cluster, names, "rules", "list")).out().lines().toList())
        .containsExactly("0 rules in force on " + names.rules());
  }

  @Test
  void saysWhatToDoWhenTheTopicOrTheBrokerIsMissing(TestCluster cluster) throws Exception {
    TopicNames fresh = cluster.newTopicNames();
    CliRun list = CliRun.run(args(cluster, fresh, "rules", "list"));
    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).isEqualTo("error: topic " + fresh.rules()
        + " does not exist; create the pipeline's topics first: model-monitor topics create" + System.lineSeparator());

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CliRun unreachable = CliRun.run("rules", "apply", "--file", file("r.yaml", TWO_RULES).toString(),
        "--bootstrap-servers", "localhost:" + closedPort, "--timeout", "2s");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).isEqualTo("error: Kafka at localhost:" + closedPort
        + " did not answer within 2s; is the broker running (model-monitor local) and --bootstrap-servers right?"
        + System.lineSeparator());
  }
}
