package dev.modelmonitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.notifier.channel.AlertJson;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /api/alerts[?model=M][&status=firing|resolved|open][&limit=100]}: the alert
 * transitions this instance has read from the alerts topic, newest first, each in the webhook's
 * alert shape ({@link AlertJson#alert}). {@code open} keeps each alert's latest transition when it
 * is FIRING, so a firing alert that has resolved since is left out. Answers {@code {"alerts":
 * [...], "matched": n}}, where {@code matched} counts the transitions that matched before the
 * limit; 400 naming the parameter when one is malformed.
 */
public final class AlertsApi implements HttpServer.Routes {
  static final int DEFAULT_LIMIT = 100;

  private final Supplier<List<Alert>> transitions;

  /**
   * @param transitions every transition held, newest first (for example {@code
   *     AlertLog::transitions})
   */
  public AlertsApi(Supplier<List<Alert>> transitions) {
    this.transitions = transitions;
  }

  @Override
  public void addTo(Javalin app) {
    app.get("/api/alerts", this::alerts);
  }

  private void alerts(Context ctx) {
    String model = ctx.queryParam("model");
    String status = ctx.queryParam("status");
    int limit;
    try {
      limit = QueryParams.limit(ctx, DEFAULT_LIMIT);
    } catch (IllegalArgumentException e) {
      JsonAnswer.error(ctx, 400, e.getMessage());
      return;
    }
    Predicate<Alert> byStatus;
    if (status == null) {
      byStatus = a -> true;
    } else {
      switch (status.toLowerCase(Locale.ROOT)) {
        case "firing" -> byStatus = a -> a.getStatus() == AlertStatus.FIRING;
        case "resolved" -> byStatus = a -> a.getStatus() == AlertStatus.RESOLVED;
        case "open" -> byStatus = latestOfEach().and(a -> a.getStatus() == AlertStatus.FIRING);
        default -> {
          JsonAnswer.error(ctx, 400,
              "status must be firing, resolved or open but was '" + status + "'");
          return;
        }
      }
    }
    List<Alert> matched = transitions.get().stream()
        .filter(a -> model == null || model.equals(a.getModelId()))
        .filter(byStatus)
        .toList();
    ObjectNode body = JsonAnswer.JSON.createObjectNode();
    ArrayNode alerts = body.putArray("alerts");
    matched.stream().limit(limit).forEach(a -> alerts.add(AlertJson.alert(a)));
    body.put("matched", matched.size());
    JsonAnswer.json(ctx, 200, body);
  }

  /** True for the first transition of each alert met: the latest, in a newest-first stream. */
  private static Predicate<Alert> latestOfEach() {
    Set<String> seen = new HashSet<>();
    return a -> seen.add(a.getAlertId());
  }
}
