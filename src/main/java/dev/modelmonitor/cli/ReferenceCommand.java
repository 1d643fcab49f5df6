package dev.modelmonitor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code model-monitor reference}: manage the reference profiles drift is measured against. */
@Command(
    name = "reference",
    mixinStandardHelpOptions = true,
    description = "Manage models' reference profiles.",
    subcommands = {ReferencePublishCommand.class})
public final class ReferenceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
