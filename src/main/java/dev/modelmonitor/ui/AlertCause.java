package dev.modelmonitor.ui;

import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertContext;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.ModelReport;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a person goes to see why an alert fired, one click from its page: a drift alert leads to
 * the current vs reference distributions of the drifted features and to the latest report; an error
 * alert to the error types; a silent or failed model to its instances and heartbeats.
 */
final class AlertCause {
  /** What the alert's metric is about, which decides where its cause is shown. */
  enum Kind {
    DRIFT,
    PREDICTION_DRIFT,
    MISSING_VALUES,
    ERRORS,
    LATENCY,
    THROUGHPUT,
    INSTANCES,
    OTHER;

    /**
     * The kind of a rule metric such as {@code drift:age}, {@code error_rate} or {@code
     * change:latency_ms}.
     */
    static Kind of(String metric) {
      String m = metric == null ? "" : metric.trim().toLowerCase(Locale.ROOT);
      if (m.startsWith("change:")) {
        return of(m.substring("change:".length()));
      }
      if (m.equals("prediction_drift")) {
        return PREDICTION_DRIFT;
      }
      if (m.startsWith("drift")) {
        return DRIFT;
      }
      if (m.startsWith("missing_rate")) {
        return MISSING_VALUES;
      }
      if (m.startsWith("error")) {
        return ERRORS;
      }
      if (m.startsWith("latency")) {
        return LATENCY;
      }
      if (m.startsWith("throughput")) {
        return THROUGHPUT;
      }
      if (m.equals("silence_s")
          || m.equals("state")
          || m.startsWith("version")
          || m.startsWith("heartbeat")) {
        return INSTANCES;
      }
      return OTHER;
    }
  }

  /**
   * One link to a place that shows the cause.
   *
   * @param label what the place shows
   * @param detail a second line, or null
   * @param href where it is
   */
  record Link(String label, String detail, String href) {}

  private final Alert alert;
  private final Kind kind;
  private final ModelReport latestReport;
  private final String latestReportHref;
  private final List<String> features;
  private final ZoneId zone;

  /**
   * @param latestReport the model's latest report, whose features the model page draws; or null
   * @param latestReportHref the UI link of that report's HTML file, or null if it has none
   * @param zone the zone times are shown in
   */
  AlertCause(Alert alert, ModelReport latestReport, String latestReportHref, ZoneId zone) {
    this.alert = alert;
    this.zone = zone;
    this.kind = Kind.of(alert.getMetric());
    this.latestReport = latestReport;
    this.latestReportHref = latestReportHref;
    this.features = features();
  }

  Kind kind() {
    return kind;
  }

  /** The features the alert is about that the model page draws, most relevant first. */
  List<String> drawnFeatures() {
    return features;
  }

  /** The links, the most direct first. */
  List<Link> links() {
    String model = alert.getModelId();
    List<Link> out = new ArrayList<>();
    switch (kind) {
      case DRIFT, PREDICTION_DRIFT, MISSING_VALUES -> {
        String what = kind == Kind.MISSING_VALUES ? "Distribution" : "Current vs reference";
        for (String f : features.subList(0, Math.min(6, features.size()))) {
          out.add(new Link(what + ": " + f, "chart on the model page", Links.feature(model, f)));
        }
        if (features.isEmpty()) {
          out.add(
              new Link(
                  "Current vs reference distributions",
                  "model page",
                  Links.model(model, Links.DISTRIBUTIONS)));
        }
        if (kind != Kind.MISSING_VALUES) {
          out.add(new Link("Drift over time", "model page", Links.model(model, Links.DRIFT)));
        }
        if (latestReportHref != null) {
          String section =
              kind == Kind.MISSING_VALUES
                  ? Links.REPORT_FINDINGS
                  : features.isEmpty() ? Links.DRIFT : Links.featureAnchor(features.get(0));
          out.add(new Link("Latest report", reportWindow(), latestReportHref + "#" + section));
        }
      }
      case ERRORS -> {
        out.add(new Link("Error types", "model page", Links.model(model, Links.ERRORS)));
        out.add(
            new Link("Instances", "which containers are up", Links.model(model, Links.INSTANCES)));
        if (latestReportHref != null) {
          out.add(
              new Link(
                  "Latest report: latency and errors",
                  reportWindow(),
                  latestReportHref + "#" + Links.REPORT_TRAFFIC));
        }
      }
      case LATENCY -> {
        out.add(new Link("Latency over time", "model page", Links.model(model, Links.LATENCY)));
        out.add(
            new Link("Instances", "which containers are up", Links.model(model, Links.INSTANCES)));
        if (latestReportHref != null) {
          out.add(
              new Link(
                  "Latest report: latency and errors",
                  reportWindow(),
                  latestReportHref + "#" + Links.REPORT_TRAFFIC));
        }
      }
      case THROUGHPUT -> {
        out.add(
            new Link("Throughput over time", "model page", Links.model(model, Links.THROUGHPUT)));
        out.add(
            new Link(
                "Instances and heartbeats", "model page", Links.model(model, Links.INSTANCES)));
      }
      case INSTANCES -> {
        out.add(
            new Link(
                "Instances and heartbeats",
                "state, version, last heartbeat",
                Links.model(model, Links.INSTANCES)));
        out.add(
            new Link("Throughput over time", "model page", Links.model(model, Links.THROUGHPUT)));
      }
      case OTHER -> out.add(new Link("Model page", model, Links.model(model)));
    }
    return out;
  }

  /** Where one context item is shown, or null if nowhere in particular. */
  String href(AlertContext item) {
    String model = alert.getModelId();
    String name = item.getName();
    return switch (kind) {
      case DRIFT, PREDICTION_DRIFT, MISSING_VALUES ->
          features.contains(name) ? Links.feature(model, name) : null;
      case ERRORS -> Links.model(model, Links.ERRORS);
      case LATENCY -> Links.model(model, Links.LATENCY);
      case THROUGHPUT -> Links.model(model, Links.THROUGHPUT);
      case INSTANCES ->
          name.startsWith("instance ")
              ? Links.model(model, Links.instanceAnchor(name.substring("instance ".length())))
              : Links.model(model, Links.INSTANCES);
      case OTHER -> null;
    };
  }

  private String reportWindow() {
    return latestReport == null
        ? "HTML report"
        : "window from " + UiTimes.at(latestReport.getWindowStart(), zone);
  }

  private List<String> features() {
    Set<String> named = new LinkedHashSet<>();
    String metric = alert.getMetric() == null ? "" : alert.getMetric();
    int colon = metric.indexOf(':');
    if ((kind == Kind.DRIFT || kind == Kind.MISSING_VALUES)
        && colon >= 0
        && !metric.startsWith("change:")) {
      String f = metric.substring(colon + 1);
      if (!f.equals("*")) {
        named.add(f);
      }
    }
    if (kind == Kind.PREDICTION_DRIFT
        && latestReport != null
        && latestReport.getPrediction() != null) {
      named.add(latestReport.getPrediction().getName());
    }
    if (kind == Kind.DRIFT || kind == Kind.MISSING_VALUES || kind == Kind.PREDICTION_DRIFT) {
      for (AlertContext c : alert.getContext()) {
        named.add(c.getName());
      }
    }
    if (latestReport == null) {
      return List.of();
    }
    Set<String> drawn = new LinkedHashSet<>();
    if (latestReport.getPrediction() != null) {
      drawn.add(latestReport.getPrediction().getName());
    }
    for (FeatureReport f : latestReport.getFeatures()) {
      drawn.add(f.getName());
    }
    List<String> out = new ArrayList<>();
    for (String n : named) {
      if (drawn.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }
}
