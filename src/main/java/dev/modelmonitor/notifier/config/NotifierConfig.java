package dev.modelmonitor.notifier.config;

import java.time.Duration;
import java.util.List;

/**
 * The notifier's configuration: receivers, the routes that pick them, and what to do with alerts
 * no route matches. Read with {@link NotifierConfigLoader}; validated when built.
 *
 * @param defaultReceivers receivers of alerts that match no route (may be empty: such alerts are
 *     then counted and logged only)
 */
public record NotifierConfig(
    GlobalSettings global,
    List<ReceiverConfig> receivers,
    List<RouteConfig> routes,
    List<String> defaultReceivers) {

  /** The configuration used without a file: every alert logged. */
  public static NotifierConfig defaults() {
    return logOnly(ChannelSettings.LogOutput.LOGGER);
  }

  /** Every alert to one {@code log} receiver named {@code console} ({@code demo}: STDOUT). */
  public static NotifierConfig logOnly(ChannelSettings.LogOutput output) {
    GlobalSettings global = GlobalSettings.DEFAULT;
    ReceiverConfig console =
        new ReceiverConfig(
            "console", ReceiverType.LOG, global.timeout(), global.retry(), Duration.ZERO,
            new ChannelSettings.Log(output));
    return new NotifierConfig(global, List.of(console), List.of(), List.of("console"));
  }

  /** The receiver with this name. */
  public ReceiverConfig receiver(String name) {
    return receivers.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no receiver named '" + name + "'"));
  }
}
