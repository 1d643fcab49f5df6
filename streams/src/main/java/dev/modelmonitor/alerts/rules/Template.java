package dev.modelmonitor.alerts.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary and description templates of a rule: {@code {{name}}} placeholders replaced when
 * an alert is emitted. Names: {@code model}, {@code version}, {@code rule}, {@code metric},
 * {@code value}, {@code threshold}, {@code values}, {@code op}, {@code window}, {@code for},
 * {@code severity}, {@code status}, and {@code labels.<name>}.
 */
public final class Template {
  public static final Set<String> NAMES =
      Set.of(
          "model", "version", "rule", "metric", "value", "threshold", "values", "op", "window",
          "for", "severity", "status");
  public static final String LABEL_PREFIX = "labels.";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

  private Template() {}

  /** Placeholders of {@code template} that are not known names. */
  public static List<String> unknownPlaceholders(String template) {
    List<String> unknown = new ArrayList<>();
    if (template == null) {
      return unknown;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      String name = m.group(1);
      if (!NAMES.contains(name)
          && !(name.startsWith(LABEL_PREFIX) && name.length() > LABEL_PREFIX.length())) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  /** {@code template} with each placeholder replaced by {@code values.apply(name)} ("" if null). */
  public static String render(String template, Function<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
