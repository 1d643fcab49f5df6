package dev.modelmonitor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code model-monitor topics}: manage the pipeline's topics on any cluster. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Manage the pipeline's Kafka topics.",
    subcommands = {TopicsCreateCommand.class})
public final class TopicsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
