package dev.modelmonitor.notifier;

import dev.modelmonitor.notifier.config.NotifierConfig;
import dev.modelmonitor.notifier.config.RouteConfig;
import dev.modelmonitor.schema.Alert;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks receivers as Alertmanager's routes do: routes are tried in order, the first that matches
 * wins unless it says {@code continue: true}; an alert no route matched goes to the default
 * receivers.
 */
final class Router {
  private final NotifierConfig config;

  Router(NotifierConfig config) {
    this.config = config;
  }

  /** The receivers of {@code alert}, each once, in route order. */
  List<String> route(Alert alert) {
    Set<String> receivers = new LinkedHashSet<>();
    boolean matched = false;
    for (RouteConfig route : config.routes()) {
      if (route.matches(alert)) {
        matched = true;
        receivers.addAll(route.receivers());
        if (!route.continueMatching()) {
          break;
        }
      }
    }
    if (!matched) {
      receivers.addAll(config.defaultReceivers());
    }
    return List.copyOf(receivers);
  }
}
