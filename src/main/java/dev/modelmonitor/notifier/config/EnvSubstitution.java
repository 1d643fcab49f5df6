package dev.modelmonitor.notifier.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration values by environment
 * variables, so secrets stay out of the file; {@code $$} stands for a literal {@code $}.
 */
final class EnvSubstitution {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = env;
  }

  /**
   * The value with references replaced.
   *
   * @param where names the field, for the error message
   * @throws NotifierConfigException for a variable that is unset and has no default
   */
  String apply(String value, String where) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        String name = m.group(1);
        replacement = env.get(name);
        if (replacement == null) {
          replacement = m.group(2);
        }
        if (replacement == null) {
          throw new NotifierConfigException(
              where + ": environment variable " + name + " is not set (set it, or write ${"
                  + name + ":-default})");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
