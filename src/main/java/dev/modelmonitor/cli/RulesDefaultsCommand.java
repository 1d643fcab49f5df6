package dev.modelmonitor.cli;

import dev.modelmonitor.alerts.rules.DefaultRules;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code model-monitor rules defaults}: prints the shipped default rules, a starting point for your own. */
@Command(
    name = "defaults",
    mixinStandardHelpOptions = true,
    description = "Print the default rule set that ships with model-monitor (a rules file with comments).")
public final class RulesDefaultsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(DefaultRules.text());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
