package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesValidateCommandTest {
  @TempDir Path dir;

  @Test
  void acceptsAValidFileAndDescribesEachRule() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, """
        rules:
          - id: high-error-rate
            metric: error_rate
            window: 1m
            op: ">"
            threshold: 0.05
            for: 30s
            severity: critical
        """);
    CliRun run = CliRun.run("rules", "validate", "--file", file.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines().toList()).containsExactly(
        "high-error-rate: * error_rate > 0.05 (window 1m, for 30s, critical)",
        file + ": 1 valid rule");
  }

  @Test
  void refusesAnInvalidFileListingEveryProblem() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, """
        rules:
          - id: a
            metric: error_ratio
            op: ">"
            threshold: 1
          - id: b
            metric: error_rate
            op: "=>"
            threshold: 1
        """);
    CliRun run = CliRun.run("rules", "validate", "--file", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).hasSize(3);
    assertThat(run.err().lines().toList().get(0)).isEqualTo("error: " + file + " has 2 problems; nothing was applied:");
    assertThat(run.err().lines().toList().get(1)).startsWith("  rule 'a': field 'metric': unknown metric 'error_ratio'");
    assertThat(run.err().lines().toList().get(2)).startsWith("  rule 'b': field 'op': unknown comparator '=>'");
  }

  @Test
  void saysWhenTheFileIsNotThere() {
    CliRun run = CliRun.run("rules", "validate", "--file", dir.resolve("nope.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: rules file " + dir.resolve("nope.yaml") + " does not exist" + System.lineSeparator());
  }

  @Test
  void printsTheDefaultRules() {
    CliRun run = CliRun.run("rules", "defaults");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("# model-monitor default alert rules.").contains("id: default-silence");
  }
}
