package dev.modelmonitor.report;

import dev.modelmonitor.schema.DriftResult;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.Finding;
import dev.modelmonitor.schema.LatencySummary;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.Performance;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.ui.chart.Numbers;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** A report as a terminal summary: verdict, headline numbers, drift per feature, findings. */
public final class ReportTextRenderer {
  private final ZoneId zone;

  public ReportTextRenderer() {
    this(ZoneOffset.UTC);
  }

  public ReportTextRenderer(ZoneId zone) {
    this.zone = zone;
  }

  public String render(ModelReport r) {
    ReportVerdict v = ReportVerdict.of(r);
    StringBuilder out = new StringBuilder();
    out.append(r.getModelId())
        .append("  ")
        .append(ReportTimes.format(r.getWindowStart(), zone))
        .append(" → ")
        .append(ReportTimes.format(r.getWindowEnd(), zone))
        .append(" (")
        .append(ReportTimes.length(r.getWindowStart(), r.getWindowEnd()))
        .append(")\n");
    // The headline may start with the status' own words ("Dataset drift: 8 of 12 …"): not twice.
    String label = v.status().label();
    String headline = v.headline().startsWith(label + ": ")
        ? v.headline().substring(label.length() + 2) : v.headline();
    out.append(label.toUpperCase(Locale.ROOT)).append(": ").append(headline).append('\n');
    for (String reason : v.reasons()) {
      out.append("  - ").append(reason).append('\n');
    }
    out.append('\n');
    out.append("events ")
        .append(Numbers.count(r.getEventCount()))
        .append("  errors ")
        .append(Numbers.count(r.getErrorCount()))
        .append(" (")
        .append(Numbers.percent(ReportVerdict.errorRate(r)))
        .append(')');
    LatencySummary l = r.getLatency();
    if (l != null) {
      out.append("  latency p50 ")
          .append(Numbers.format(l.getP50Ms()))
          .append(" ms, p99 ")
          .append(Numbers.format(l.getP99Ms()))
          .append(" ms");
    }
    out.append('\n');
    Performance p = r.getPerformance();
    if (p != null) {
      out.append("performance (").append(Numbers.count(p.getLabeledCount())).append(" labeled): ");
      if (p.getTaskType() == TaskType.CLASSIFICATION) {
        out.append("accuracy ")
            .append(pct(p.getAccuracy()))
            .append(", precision ")
            .append(pct(p.getPrecisionMacro()))
            .append(", recall ")
            .append(pct(p.getRecallMacro()))
            .append(", F1 ")
            .append(pct(p.getF1Macro()))
            .append(" (macro)");
      } else {
        out.append("MAE ")
            .append(num(p.getMae()))
            .append(", RMSE ")
            .append(num(p.getRmse()))
            .append(", MAPE ")
            .append(pct(p.getMape()))
            .append(", bias ")
            .append(num(p.getBias()));
      }
      out.append('\n');
    }
    List<FeatureReport> features = DriftRanking.sorted(r.getFeatures());
    if (!features.isEmpty()) {
      out.append("\ndrift, strongest first:\n");
      TextTable t =
          new TextTable(
              "feature",
              "type",
              "drifted",
              "method",
              ">score",
              ">threshold",
              ">PSI",
              ">JS",
              ">missing");
      if (r.getPrediction() != null) {
        row(t, r.getPrediction(), "(prediction)");
      }
      for (FeatureReport f : features) {
        row(t, f, f.getName());
      }
      out.append(t.render("  "));
    }
    if (!r.getFindings().isEmpty()) {
      out.append("\nfindings:\n");
      TextTable t = new TextTable("severity", "kind", "feature", "message");
      for (Finding f : r.getFindings()) {
        t.row(
            f.getSeverity(),
            f.getKind(),
            f.getFeature() == null ? "-" : f.getFeature(),
            f.getMessage());
      }
      out.append(t.render("  "));
    }
    out.append("\nreference: ");
    if (!r.getHasReference()) {
      out.append("none (profile only)\n");
    } else {
      out.append(r.getReferenceSource() == null ? "unnamed" : r.getReferenceSource())
          .append(", created ")
          .append(ReportTimes.format(r.getReferenceCreatedAt(), zone))
          .append('\n');
    }
    return out.toString();
  }

  private static void row(TextTable t, FeatureReport f, String name) {
    DriftResult d = f.getDrift();
    t.row(
        name,
        f.getCurrent().getType().name().toLowerCase(Locale.ROOT),
        d == null ? "-" : d.getDrifted() ? "yes" : "no",
        d == null ? "-" : d.getMethod(),
        d == null ? "-" : ReportHtmlRenderer.score(d),
        d == null ? "-" : Numbers.format(d.getThreshold()),
        d == null || d.getPsi() == null ? "-" : Numbers.format(d.getPsi()),
        d == null || d.getJsDistance() == null ? "-" : Numbers.format(d.getJsDistance()),
        Numbers.percent(f.getMissingRate()));
  }

  private static String pct(Double v) {
    return v == null ? "-" : Numbers.percent(v);
  }

  private static String num(Double v) {
    return v == null ? "-" : Numbers.format(v);
  }
}
