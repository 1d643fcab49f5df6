package dev.modelmonitor.ui;

import dev.modelmonitor.http.HttpServer;
import dev.modelmonitor.report.ReportFormat;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI's pages, served by the service's {@link HttpServer}: {@code /} (models overview), {@code
 * /models/{id}}, {@code /alerts} (and {@code ?model=}), {@code /alerts/{alertId}}, {@code /reports}
 * (and {@code ?model=}) and the exported report files under {@code /reports/{model}/{file}}. Pages
 * are rendered on each request from {@link UiData}; they carry no scripts and load nothing from
 * elsewhere.
 *
 * <pre>{@code
 * new HttpServer(meters, ready, List.of(new UiRoutes(data, reportsDir, UiSettings.DEFAULTS, Clock.systemUTC())));
 * }</pre>
 */
public final class UiRoutes implements HttpServer.Routes {
  private static final Logger LOG = LoggerFactory.getLogger(UiRoutes.class);
  private static final String HTML = "text/html; charset=utf-8";

  private final UiSettings settings;
  private final Clock clock;
  private final ReportDirectory reportFiles;
  private final OverviewPage overview;
  private final ModelPage model;
  private final AlertsPage alerts;
  private final AlertPage alert;
  private final ReportsPage reports;

  /** Default settings and the system clock. */
  public UiRoutes(UiData data, Path reportsDirectory) {
    this(data, reportsDirectory, UiSettings.DEFAULTS, Clock.systemUTC());
  }

  /**
   * @param data where the pages' content comes from
   * @param reportsDirectory the report exporter's directory, served under {@code /reports/}; null
   *     if reports are not written to files
   * @param settings how pages read
   * @param clock "now" for the pages (tests fix it)
   */
  public UiRoutes(UiData data, Path reportsDirectory, UiSettings settings, Clock clock) {
    Objects.requireNonNull(data, "data");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reportFiles = new ReportDirectory(reportsDirectory);
    this.overview = new OverviewPage(data, settings);
    this.model = new ModelPage(data, settings);
    this.alerts = new AlertsPage(data, settings);
    this.alert = new AlertPage(data, settings);
    this.reports = new ReportsPage(data, settings);
  }

  @Override
  public void addTo(Javalin app) {
    app.get("/", ctx -> page(ctx, () -> Optional.of(overview.render(now()))));
    app.get("/models/{id}", ctx -> page(ctx, () -> model.render(ctx.pathParam("id"), now())));
    app.get(
        "/alerts",
        ctx ->
            page(
                ctx,
                () -> Optional.of(alerts.render(blankToNull(ctx.queryParam("model")), now()))));
    app.get(
        "/alerts/{alertId}", ctx -> page(ctx, () -> alert.render(ctx.pathParam("alertId"), now())));
    app.get(
        "/reports",
        ctx ->
            page(
                ctx,
                () -> Optional.of(reports.render(blankToNull(ctx.queryParam("model")), now()))));
    app.get("/reports/{model}/{file}", this::reportFile);
  }

  private Instant now() {
    return clock.instant();
  }

  private void page(Context ctx, Supplier<Optional<String>> render) {
    secure(ctx);
    ctx.header("Cache-Control", "no-store");
    Optional<String> html;
    try {
      html = render.get();
    } catch (RuntimeException e) {
      LOG.error("UI page {} failed", ctx.path(), e);
      ctx.status(500)
          .contentType(HTML)
          .result(
              message(
                  "Something went wrong",
                  "This page could not be drawn: "
                      + e
                      + ". The service log has the details; reload to try again."));
      return;
    }
    if (html.isPresent()) {
      ctx.contentType(HTML).result(html.get());
    } else {
      ctx.status(404)
          .contentType(HTML)
          .result(
              message(
                  "Not found",
                  "Nothing is known about "
                      + ctx.path()
                      + ". Alerts are kept while the service runs; a model appears "
                      + "once it sends events."));
    }
  }

  private void reportFile(Context ctx) throws IOException {
    secure(ctx);
    Optional<Path> file = reportFiles.resolve(ctx.pathParam("model"), ctx.pathParam("file"));
    if (file.isEmpty()) {
      ctx.status(404)
          .contentType(HTML)
          .result(
              message(
                  "No such report",
                  "There is no report file at "
                      + ctx.path()
                      + ". The reports page lists those there are."));
      return;
    }
    ReportFormat format = ReportDirectory.format(file.get().getFileName().toString()).orElseThrow();
    ctx.contentType(format == ReportFormat.HTML ? HTML : "application/json; charset=utf-8");
    try (InputStream in = Files.newInputStream(file.get())) {
      ctx.result(in.readAllBytes());
    }
  }

  /** Pages and report files may load nothing from anywhere, nor be framed by other sites. */
  private static void secure(Context ctx) {
    ctx.header("Content-Security-Policy", Page.CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
  }

  private String message(String title, String text) {
    return Page.render(
        title,
        Page.Section.NONE,
        settings.withoutRefresh(),
        now(),
        0,
        h -> {
          Page.header(h, "model-monitor", title, null);
          h.open("section", "class", "panel")
              .element("p", text)
              .open("p")
              .element("a", "Models", "href", Links.overview())
              .text(" · ")
              .element("a", "Alerts", "href", Links.alerts())
              .text(" · ")
              .element("a", "Reports", "href", Links.reports())
              .close("p")
              .close("section");
        });
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
