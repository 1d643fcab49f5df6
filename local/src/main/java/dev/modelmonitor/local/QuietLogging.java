package dev.modelmonitor.local;

import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Keeps the broker's and Jetty's INFO chatter out of the way: with Logback as the SLF4J backend,
 * their loggers are set to WARN unless a configuration file already set a level for them. An
 * unconfigured Logback logs everything at DEBUG, which for a broker is thousands of lines.
 */
final class QuietLogging {
  private static final List<String> NOISY =
      List.of(
          "kafka", "org.apache.kafka", "state.change.logger", "org.eclipse.jetty", "io.javalin");

  private QuietLogging() {}

  static void apply() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!isLogback(factory)) {
      return;
    }
    ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) factory;
    for (String name : NOISY) {
      ch.qos.logback.classic.Logger logger = context.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }

  private static boolean isLogback(ILoggerFactory factory) {
    try {
      return factory instanceof ch.qos.logback.classic.LoggerContext;
    } catch (NoClassDefFoundError e) {
      // Logback is an optional dependency; another backend has its own configuration.
      return false;
    }
  }
}
