package dev.modelmonitor.notifier;

import dev.modelmonitor.schema.Alert;
import java.util.List;

/**
 * The outcome of one alert at every receiver its routes chose (none when it matched no route and
 * there is no default receiver).
 */
public record DispatchResult(Alert alert, List<ReceiverOutcome> outcomes) {

  public DispatchResult {
    outcomes = List.copyOf(outcomes);
  }

  /** The receivers that gave up on the alert. */
  public List<ReceiverOutcome> failures() {
    return outcomes.stream().filter(o -> !o.delivered()).toList();
  }
}
