package dev.modelmonitor.notifier.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of receiver, as written in the {@code type} field. */
public enum ReceiverType {
  LOG,
  WEBHOOK,
  SLACK,
  EMAIL,
  ALERTMANAGER;

  /** The name as written in YAML. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static String allNames() {
    return Arrays.stream(values()).map(ReceiverType::yamlName).collect(Collectors.joining(", "));
  }
}
