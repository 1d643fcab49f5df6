package dev.modelmonitor.cli;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RulesTopic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-monitor rules apply --file F}: validates every rule of the file and publishes them
 * to the compacted rules topic, where the running alerts pick them up without a restart. A file
 * with any invalid rule publishes nothing.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Validate a rules file and publish its rules; nothing is published if any rule is invalid.")
public final class RulesApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(names = {"--file", "-f"}, required = true, paramLabel = "FILE", description = "Rules YAML file.")
  Path file;

  @Option(
      names = "--prune",
      description = "Also delete the rules in force that the file does not name.")
  boolean prune;

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
    List<Rule> rules = RulesFile.read(file, err);
    if (rules == null) {
      return CliExceptionHandler.EXIT_ERROR;
    }
    RulesTopic topic =
        new RulesTopic(connection.kafkaProperties(), connection.topics().rules(),
            UsageException.duration("--timeout", timeout));
    RulesTopic.Applied applied = topic.publish(rules, prune);
    applied.added().forEach(id -> out.println("added     " + id));
    applied.changed().forEach(id -> out.println("changed   " + id));
    applied.unchanged().forEach(id -> out.println("unchanged " + id));
    applied.deleted().forEach(id -> out.println("deleted   " + id));
    out.println(applied.added().size() + " added, " + applied.changed().size() + " changed, "
        + applied.unchanged().size() + " unchanged, " + applied.deleted().size() + " deleted on "
        + connection.topicNames().rules());
    out.flush();
    return 0;
  }
}
