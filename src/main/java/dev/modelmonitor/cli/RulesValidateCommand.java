package dev.modelmonitor.cli;

import dev.modelmonitor.alerts.rules.Rule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model-monitor rules validate --file F}: checks a rules file without Kafka (for CI). */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check a rules file without publishing it; exit 0 when every rule is valid.")
public final class RulesValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"--file", "-f"}, required = true, paramLabel = "FILE", description = "Rules YAML file.")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Rule> rules = RulesFile.read(file, spec.commandLine().getErr());
    if (rules == null) {
      return CliExceptionHandler.EXIT_ERROR;
    }
    rules.forEach(rule -> out.println(rule.describe()));
    out.println(file + ": " + rules.size() + " valid rule" + (rules.size() == 1 ? "" : "s"));
    out.flush();
    return 0;
  }
}
