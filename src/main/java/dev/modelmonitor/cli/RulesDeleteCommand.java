package dev.modelmonitor.cli;

import dev.modelmonitor.alerts.rules.RulesTopic;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code model-monitor rules delete ID…}: removes rules (their firing alerts resolve). */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete rules by id; their firing alerts resolve. A deleted default rule comes back at"
        + " the next service start: disable it (enabled: false) instead.")
public final class RulesDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "Rule ids.")
  List<String> ids;

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
    List<String> found =
        new RulesTopic(connection.kafkaProperties(), connection.topics().rules(),
            UsageException.duration("--timeout", timeout))
            .delete(ids);
    for (String id : ids) {
      if (found.contains(id)) {
        out.println("deleted   " + id);
      } else {
        err.println("warning: no rule " + id + " was in force");
      }
    }
    out.println(found.size() + " deleted on " + connection.topicNames().rules());
    out.flush();
    err.flush();
    return found.size() == ids.size() ? 0 : CliExceptionHandler.EXIT_ERROR;
  }
}
