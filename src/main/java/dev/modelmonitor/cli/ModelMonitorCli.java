package dev.modelmonitor.cli;

import dev.modelmonitor.streams.FormatLocale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code model-monitor} command line: the entry point of the fat jar. Each subcommand is a
 * class of its own; this class only lists them and turns exceptions into exit codes.
 */
@Command(
    name = "model-monitor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Model monitoring for containerized ML applications on Apache Kafka.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      LocalCommand.class,
      TopicsCommand.class,
      ProduceCommand.class,
      RulesCommand.class,
      ConfigCommand.class,
      RunCommand.class,
      ReferenceCommand.class,
      CheckCommand.class,
      ReportsCommand.class,
      AlertsCommand.class
    })
public final class ModelMonitorCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    FormatLocale.preferUsEnglishOverPlainEnglish(); // before any Streams client starts
    System.exit(newCommandLine().execute(args));
  }

  /** The configured picocli command line; tests execute it in-process. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new ModelMonitorCli());
    cli.setExecutionExceptionHandler(new CliExceptionHandler());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
