package dev.modelmonitor.alerts.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The rule set that ships with model-monitor ({@value #RESOURCE}): it catches the common
 * failures of any model without tuning — errors, slowness, silence, failed or degraded
 * instances, drifting inputs and outputs, missing values, new versions. Each rule watches every
 * model ({@code model: "*"}); disable one by re-applying it with {@code enabled: false}.
 */
public final class DefaultRules {
  /** Classpath location of the default rules file. */
  public static final String RESOURCE = "/dev/modelmonitor/alerts/default-rules.yaml";

  private DefaultRules() {}

  /** The default rules, validated. */
  public static List<Rule> load() {
    try (InputStream in = DefaultRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("default rules resource " + RESOURCE + " is missing");
      }
      return RuleParser.parse(in, "default-rules.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The default rules file as shipped, with its comments. */
  public static String text() {
    try (InputStream in = DefaultRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("default rules resource " + RESOURCE + " is missing");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
