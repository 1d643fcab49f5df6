package dev.modelmonitor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code model-monitor reports list|show|export}: the windowed reports on the reports topic, for
 * people. Exit codes: 0 done, 1 error (Kafka or the registry unreachable, topics missing, bad
 * options), 2 usage error, {@value ReportSource#EXIT_NO_REPORTS} no report matched.
 */
@Command(
    name = "reports",
    mixinStandardHelpOptions = true,
    description = "List, show and export the windowed reports (drift, data quality, performance).",
    subcommands = {ReportsListCommand.class, ReportsShowCommand.class, ReportsExportCommand.class},
    footer = {"", "Exit codes: 0 done, 1 error, 2 usage, 3 no report matched."})
public final class ReportsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
