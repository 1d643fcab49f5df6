package dev.modelmonitor.ui;

import dev.modelmonitor.report.ReportIndex;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the UI shows, read from the service's live sources: model state, per-minute aggregates,
 * alerts and reports. The UI derives everything else (current numbers, open alerts per model, the
 * links from an alert to its cause) from these calls.
 *
 * <p>Implementations are called from HTTP threads, concurrently, on every page view: they must be
 * thread-safe, cheap (in-memory or a local state store) and never return null. A source that is
 * down answers empty rather than throwing; the page then says there is no data.
 */
public interface UiData {
  /** Every model the service has heard from, in any order. */
  List<ModelSummary> models();

  /**
   * One model's per-minute aggregates and failed events per error type over the last {@code
   * lookback}: one read of its source (a page that shows both asks once).
   */
  ModelSeries series(String modelId, Duration lookback);

  /** The latest state of every alert seen, in any order (as {@code AlertLog.latest()}). */
  List<Alert> alerts();

  /** Every transition of one alert, oldest first, or empty if the id is unknown. */
  Optional<List<Alert>> alertTimeline(String alertId);

  /**
   * The exported reports of one model, or of every model when {@code modelId} is null, in any
   * order. Their {@code files} are paths relative to the reports directory the UI serves.
   */
  List<ReportIndex.Entry> reports(String modelId);

  /** The model's most recent report (its current distributions), if any. */
  Optional<ModelReport> latestReport(String modelId);

  /** The model's reference profile in force, if any. */
  Optional<ReferenceProfile> reference(String modelId);
}
