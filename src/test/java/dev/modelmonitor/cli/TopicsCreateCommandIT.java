package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.local.junit.LocalClusterExtension;
import dev.modelmonitor.local.junit.TestCluster;
import dev.modelmonitor.topic.MonitorTopic;
import dev.modelmonitor.topic.TopicNames;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalClusterExtension.class)
class TopicsCreateCommandIT {

  @Test
  void createsTheTopicsThenFindsThemOnTheSecondRun(TestCluster cluster) {
    TopicNames names = cluster.newTopicNames();
    List<String> all = Arrays.stream(MonitorTopic.values()).map(names::name).toList();
    String[] args = {
      "topics", "create",
      "--bootstrap-servers", cluster.bootstrapServers(),
      "--topic-prefix", names.prefix(),
      "--partitions", "2",
      "--replication-factor", "1"
    };

    CliRun first = CliRun.run(args);
    assertThat(first.exitCode()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(first.out().lines().toList())
        .containsAll(all.stream().map(name -> "created " + name).toList())
        .endsWith("10 created, 0 already present on " + cluster.bootstrapServers());

    CliRun second = CliRun.run(args);
    assertThat(second.exitCode()).isZero();
    assertThat(second.out().lines().toList())
        .containsAll(all.stream().map(name -> "found   " + name).toList())
        .endsWith("0 created, 10 already present on " + cluster.bootstrapServers());
  }

  @Test
  void anUnreachableBrokerExitsNonZeroWithAClearMessageAfterTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CliRun run =
        CliRun.run(
            "topics",
            "create",
            "--bootstrap-servers",
            "localhost:" + closedPort,
            "--timeout",
            "2s");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: Kafka at localhost:"
                + closedPort
                + " did not answer within 2 s; is the broker running (model-monitor local) and"
                + " --bootstrap-servers right?"
                + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }
}
