package dev.modelmonitor.report;

import dev.modelmonitor.schema.DatasetDrift;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.Finding;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.ui.chart.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report says in one line, plus the reasons behind its status: the summary at the top of the
 * HTML report, the status column of {@code reports list} and of the index page.
 *
 * <p>The status is {@link ReportStatus#DRIFT} when the dataset drifted; {@link
 * ReportStatus#WARNING} when a feature or the prediction drifted, the error rate is at least
 * {@value #ELEVATED_ERROR_RATE}, or a finding is a warning or critical; otherwise {@link
 * ReportStatus#NO_DATA} without events, {@link ReportStatus#NO_REFERENCE} without reference, or
 * {@link ReportStatus#OK}.
 *
 * @param status the badge
 * @param headline one sentence, such as "Dataset drift: 7 of 12 features drifted (58%)"
 * @param reasons why the status is not OK, one sentence each
 */
public record ReportVerdict(ReportStatus status, String headline, List<String> reasons) {
  /** Error rate from which a report is a warning. */
  public static final double ELEVATED_ERROR_RATE = 0.05;

  public static ReportVerdict of(ModelReport report) {
    List<String> reasons = new ArrayList<>();
    DatasetDrift dataset = report.getDatasetDrift();
    long drifted = report.getFeatures().stream().filter(ReportVerdict::drifted).count();
    int compared = (int) report.getFeatures().stream().filter(f -> f.getDrift() != null).count();
    String headline;
    if (report.getEventCount() == 0) {
      headline = "No events in this window";
    } else if (!report.getHasReference() && dataset == null) {
      headline = "No reference: profile only, drift not measured";
    } else {
      int count = dataset != null ? dataset.getFeatureCount() : compared;
      int driftedCount = dataset != null ? dataset.getDriftedCount() : (int) drifted;
      double share =
          dataset != null ? dataset.getShare() : count == 0 ? 0 : (double) driftedCount / count;
      if (dataset != null && dataset.getDrifted()) {
        headline =
            "Dataset drift: "
                + driftedCount
                + " of "
                + features(count)
                + " drifted ("
                + Numbers.percent(share)
                + ")";
      } else if (driftedCount > 0) {
        headline =
            "Some drift: "
                + driftedCount
                + " of "
                + features(count)
                + " drifted ("
                + Numbers.percent(share)
                + ")"
                + (dataset == null
                    ? ""
                    : ", below the dataset threshold of "
                        + Numbers.percent(dataset.getThreshold()));
      } else {
        headline = "No drift: none of " + features(count) + " drifted";
      }
    }

    FeatureReport prediction = report.getPrediction();
    if (prediction != null && drifted(prediction)) {
      reasons.add(
          "The prediction drifted ("
              + prediction.getDrift().getMethod()
              + " "
              + Numbers.format(prediction.getDrift().getScore())
              + ", threshold "
              + Numbers.format(prediction.getDrift().getThreshold())
              + ")");
    }
    if (drifted > 0 && (dataset == null || !dataset.getDrifted())) {
      reasons.add(drifted + (drifted == 1 ? " feature" : " features") + " drifted");
    }
    double errorRate = errorRate(report);
    if (errorRate >= ELEVATED_ERROR_RATE) {
      reasons.add(
          "Error rate "
              + Numbers.percent(errorRate)
              + " ("
              + Numbers.count(report.getErrorCount())
              + " of "
              + Numbers.count(report.getEventCount())
              + " events)");
    }
    long warnings = report.getFindings().stream().filter(ReportVerdict::serious).count();
    if (warnings > 0) {
      reasons.add(
          warnings
              + (warnings == 1 ? " data-quality finding" : " data-quality findings")
              + " to look at");
    }

    ReportStatus status;
    if (dataset != null && dataset.getDrifted()) {
      status = ReportStatus.DRIFT;
    } else if (!reasons.isEmpty()) {
      status = ReportStatus.WARNING;
    } else if (report.getEventCount() == 0) {
      status = ReportStatus.NO_DATA;
    } else if (!report.getHasReference()) {
      status = ReportStatus.NO_REFERENCE;
    } else {
      status = ReportStatus.OK;
    }
    return new ReportVerdict(status, headline, List.copyOf(reasons));
  }

  private static String features(int count) {
    return count + (count == 1 ? " feature" : " features");
  }

  /** Errors over events, 0 without events. */
  public static double errorRate(ModelReport report) {
    return report.getEventCount() == 0
        ? 0
        : (double) report.getErrorCount() / report.getEventCount();
  }

  static boolean drifted(FeatureReport f) {
    return f.getDrift() != null && f.getDrift().getDrifted();
  }

  static boolean serious(Finding f) {
    return f.getSeverity().equalsIgnoreCase("warning")
        || f.getSeverity().equalsIgnoreCase("critical");
  }
}
