package dev.modelmonitor.notifier.channel;

import dev.modelmonitor.notifier.config.ChannelSettings;
import dev.modelmonitor.schema.Alert;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one line per alert to the log (logger {@value #LOGGER}) or to standard output. */
final class LogChannel implements Channel {
  static final String LOGGER = "dev.modelmonitor.notifier.alerts";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private final ChannelSettings.Log settings;
  private final PrintStream out;

  LogChannel(ChannelSettings.Log settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  @Override
  public void send(Notification n) {
    for (Alert alert : n.alerts()) {
      String line = line(alert, n.repeat());
      if (settings.output() == ChannelSettings.LogOutput.STDOUT) {
        out.println(line);
      } else {
        log.warn(line);
      }
    }
  }

  static String line(Alert alert, int repeat) {
    StringBuilder line = new StringBuilder(AlertText.headline(alert));
    if (repeat > 0) {
      line.append(" (still firing)");
    }
    line.append(" | ").append(AlertText.valueVsThreshold(alert));
    if (alert.getUrl() != null) {
      line.append(" | ").append(alert.getUrl());
    }
    return line.toString();
  }
}
