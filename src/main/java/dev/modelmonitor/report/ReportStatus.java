package dev.modelmonitor.report;

import dev.modelmonitor.ui.chart.Palette;

/** The one-word state of a report, shown as a coloured badge; worst first. */
public enum ReportStatus {
  /** The dataset drifted: at least the configured share of features drifted. */
  DRIFT("Dataset drift", Palette.STATUS_CRITICAL),
  /**
   * Something needs a look: some features or the prediction drifted, errors, data-quality warnings.
   */
  WARNING("Warning", Palette.STATUS_WARNING),
  /** No reference was in force, so drift was not measured, and nothing else is wrong. */
  NO_REFERENCE("No reference", Palette.STATUS_NEUTRAL),
  /** The window had no events. */
  NO_DATA("No data", Palette.STATUS_NEUTRAL),
  /** Nothing drifted and nothing else is wrong. */
  OK("OK", Palette.STATUS_OK);

  private final String label;
  private final String colour;

  ReportStatus(String label, String colour) {
    this.label = label;
    this.colour = colour;
  }

  /** The badge text. */
  public String label() {
    return label;
  }

  /** The badge background (white text on it has a contrast of at least 4.5:1). */
  public String colour() {
    return colour;
  }

  /** The CSS class of the badge, such as {@code status-drift}. */
  public String cssClass() {
    return "status-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
