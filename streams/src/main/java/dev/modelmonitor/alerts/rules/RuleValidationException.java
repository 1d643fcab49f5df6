package dev.modelmonitor.alerts.rules;

import java.util.List;

/**
 * One or more rules are invalid. Each problem names the rule and the field, e.g. {@code rule
 * 'high-error-rate': field 'window': '5x' is not a duration; …}. Nothing of the input applies.
 */
public final class RuleValidationException extends IllegalArgumentException {
  private final List<String> problems;

  public RuleValidationException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
