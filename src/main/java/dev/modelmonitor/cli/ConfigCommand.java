package dev.modelmonitor.cli;

import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.service.ConfigFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows the configuration keys, or checks a configuration as the service would at start. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Print every configuration key, or validate a configuration (--check).",
      "Without --check: each key with its environment variable, default and meaning. With --check:",
      "the --config file, the MM_* environment and the rules and notifier files they name, as",
      "`run` reads them at start."
    })
public final class ConfigCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(names = "--check", description = "Validate --config and the environment; exit 1 naming the bad key.")
  boolean check;

  @Override
  public Integer call() {
    if (check) {
      MonitorConfig config = connection.config();
      int rules = ConfigFiles.rules(config).size();
      String notifier = ConfigFiles.notifier(config)
          .map(n -> n.receivers().size() + " notifier receiver(s)").orElse("notifier off");
      spec.commandLine().getOut().println(
          "configuration is valid (Kafka " + config.getString(MonitorConfig.KAFKA_BOOTSTRAP_SERVERS)
              + ", registry " + config.getString(MonitorConfig.SCHEMA_REGISTRY_URL) + ", "
              + rules + " rule(s) from the rules file, " + notifier + ")");
    } else {
      spec.commandLine().getOut().println(MonitorConfig.documentation().stripTrailing());
    }
    return 0;
  }
}
