package dev.modelmonitor.service;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleParser;
import dev.modelmonitor.config.MonitorConfig;
import dev.modelmonitor.notifier.config.NotifierConfig;
import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The files a configuration names — the rules file and the notifier file — read and validated as
 * the service reads them at start, so {@code config --check} refuses what {@code run} would.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** The rules of {@code alerts.rules-file}; none when it is unset or the alerts are off. */
  public static List<Rule> rules(MonitorConfig config) {
    String file = config.getString(MonitorConfig.ALERTS_RULES_FILE);
    if (file.isBlank() || !config.getBoolean(MonitorConfig.ALERTS_ENABLED)) {
      return List.of();
    }
    try {
      return RuleParser.parse(Path.of(file));
    } catch (IOException e) {
      throw new ConfigException(MonitorConfig.ALERTS_RULES_FILE, file, "cannot read it: " + e.getMessage());
    }
  }

  /**
   * The notifier's routes and receivers from {@code notifier.config-file} (console logging when it
   * is unset); empty when the notifier is off.
   */
  public static Optional<NotifierConfig> notifier(MonitorConfig config) {
    if (!config.getBoolean(MonitorConfig.NOTIFIER_ENABLED)) {
      return Optional.empty();
    }
    String file = config.getString(MonitorConfig.NOTIFIER_CONFIG_FILE);
    return Optional.of(
        file.isBlank() ? NotifierConfig.defaults() : NotifierConfigLoader.load(Path.of(file), System.getenv()));
  }
}
