package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config --check} refuses what {@code run} would refuse at start, files included. */
class ConfigCommandTest {
  @TempDir Path dir;

  @Test
  void acceptsAConfigurationWithItsRulesAndNotifierFiles() throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - id: slow
            metric: latency_p99_ms
            window: 5m
            op: ">"
            threshold: 800
        """);
    Path config = Files.writeString(dir.resolve("mm.yaml"),
        "alerts:\n  rules-file: " + rules + "\nchecks:\n  thresholds: error_rate=0.01\n");

    CliRun run = CliRun.run("config", "--check", "--config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("configuration is valid").contains("1 rule(s) from the rules file")
        .contains("1 notifier receiver(s)");
  }

  @Test
  void refusesAnInvalidRulesFileNamingTheRuleAndField() throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - id: broken
            metric: error_rat
            op: ">"
            threshold: 0.1
        """);
    Path config = Files.writeString(dir.resolve("mm.yaml"), "alerts:\n  rules-file: " + rules + "\n");

    CliRun run = CliRun.run("config", "--check", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("broken").contains("unknown metric 'error_rat'");
  }
}
