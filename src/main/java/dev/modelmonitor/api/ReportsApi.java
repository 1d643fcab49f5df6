package dev.modelmonitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.report.ReportJsonRenderer;
import dev.modelmonitor.schema.ModelReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The reports this instance holds from the reports topic:
 *
 * <ul>
 *   <li>{@code GET /api/reports[?model=M][&from=T][&to=T][&limit=100]}: windows starting in
 *       {@code [from, to)}, newest window first, one summary each (the fields of {@code reports
 *       list --format json} plus a link to the full report), as {@code {"reports": [...],
 *       "matched": n}};
 *   <li>{@code GET /api/reports/{model}/{windowStart}}: one report as {@code reports show --format
 *       json} prints it ({@link ReportJsonRenderer}); 404 when it is not held.
 * </ul>
 *
 * <p>Malformed parameters answer 400 naming the parameter.
 */
public final class ReportsApi implements HttpServer.Routes {
  static final int DEFAULT_LIMIT = 100;

  private final Supplier<List<ModelReport>> reports;
  private final ReportJsonRenderer renderer = new ReportJsonRenderer();

  /** @param reports every report held, in any order (for example the service's report book) */
  public ReportsApi(Supplier<List<ModelReport>> reports) {
    this.reports = reports;
  }

  @Override
  public void addTo(Javalin app) {
    app.get("/api/reports", this::list);
    app.get("/api/reports/{model}/{windowStart}", this::show);
  }

  private void list(Context ctx) {
    String model = ctx.queryParam("model");
    Instant now = Instant.now();
    Instant from;
    Instant to;
    int limit;
    try {
      from = QueryParams.time(ctx, "from", now);
      to = QueryParams.time(ctx, "to", now);
      limit = QueryParams.limit(ctx, DEFAULT_LIMIT);
    } catch (IllegalArgumentException e) {
      JsonAnswer.error(ctx, 400, e.getMessage());
      return;
    }
    List<ModelReport> matched = reports.get().stream()
        .filter(r -> model == null || model.equals(r.getModelId()))
        .filter(r -> from == null || !r.getWindowStart().isBefore(from))
        .filter(r -> to == null || r.getWindowStart().isBefore(to))
        .sorted(Comparator.comparing(ModelReport::getWindowStart).reversed()
            .thenComparing(ModelReport::getModelId))
        .toList();
    ObjectNode body = JsonAnswer.JSON.createObjectNode();
    ArrayNode list = body.putArray("reports");
    matched.stream().limit(limit).forEach(r -> list.add(summary(r)));
    body.put("matched", matched.size());
    JsonAnswer.json(ctx, 200, body);
  }

  private static ObjectNode summary(ModelReport r) {
    ObjectNode n = ReportJsonRenderer.summaryInto(JsonAnswer.JSON.createObjectNode(), r);
    n.put("href", "/api/reports/" + URLEncoder.encode(r.getModelId(), StandardCharsets.UTF_8)
        .replace("+", "%20") + "/" + r.getWindowStart());
    return n;
  }

  private void show(Context ctx) {
    String model = ctx.pathParam("model");
    String text = ctx.pathParam("windowStart");
    Instant start;
    try {
      start = Instant.parse(text);
    } catch (DateTimeParseException e) {
      JsonAnswer.error(ctx, 400, "windowStart must be an ISO-8601 time such as"
          + " 2026-11-28T10:00:00Z but was '" + text + "'");
      return;
    }
    reports.get().stream()
        .filter(r -> r.getModelId().equals(model) && r.getWindowStart().equals(start))
        .findFirst()
        .ifPresentOrElse(
            r -> JsonAnswer.json(ctx, 200, renderer.toJson(r)),
            () -> JsonAnswer.error(ctx, 404, "no report of model '" + model
                + "' for the window starting at " + start + " is held here;"
                + " GET /api/reports?model=" + model + " lists the windows held"));
  }
}
