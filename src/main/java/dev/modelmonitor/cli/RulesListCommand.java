package dev.modelmonitor.cli;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleYaml;
import dev.modelmonitor.alerts.rules.RulesTopic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-monitor rules list}: the rules in force, read from the compacted rules topic to its
 * end — one line each, or a rules file ({@code --output yaml}) that {@code rules apply} takes back.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Show the rules in force (the rules topic read to its end).")
public final class RulesListCommand implements Callable<Integer> {
  /** How to print the rules. */
  enum Format {
    text,
    yaml
  }

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(
      names = {"--output", "-o"},
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (one line per rule) or yaml (a rules file); default: ${DEFAULT-VALUE}.")
  Format output;

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String topicName = connection.topicNames().rules();
    RulesTopic.InForce inForce =
        new RulesTopic(connection.kafkaProperties(), connection.topics().rules(),
            UsageException.duration("--timeout", timeout)).read();
    if (!inForce.topicExists()) {
      err.println("error: topic " + topicName
          + " does not exist; create the pipeline's topics first: model-monitor topics create");
      err.flush();
      return CliExceptionHandler.EXIT_ERROR;
    }
    for (String refused : inForce.refused()) {
      err.println("warning: " + topicName + " " + refused + " (refused; the rule's previous version stays in force)");
    }
    err.flush();
    List<Rule> rules = new ArrayList<>(inForce.rules().values());
    if (output == Format.yaml) {
      out.print(RuleYaml.write(rules));
    } else {
      rules.forEach(rule -> out.println(rule.describe()));
      out.println(rules.size() + " rule" + (rules.size() == 1 ? "" : "s") + " in force on " + topicName);
    }
    out.flush();
    return 0;
  }
}
