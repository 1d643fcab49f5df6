package dev.modelmonitor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code model-monitor alerts tail}: the alert transitions on the alerts topic, for people. */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "Read the alerts on the alerts topic (FIRING and RESOLVED transitions).",
    subcommands = {AlertsTailCommand.class},
    footer = {"", "Exit codes: 0 done, 1 error, 2 usage."})
public final class AlertsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
