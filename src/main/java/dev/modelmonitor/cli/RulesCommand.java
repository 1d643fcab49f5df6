package dev.modelmonitor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code model-monitor rules}: the alert rules in force on the rules topic. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Manage the alert rules: validate a rules file, apply it, list or delete what is in force.",
    subcommands = {
      RulesApplyCommand.class,
      RulesListCommand.class,
      RulesValidateCommand.class,
      RulesDeleteCommand.class,
      RulesDefaultsCommand.class
    })
public final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
