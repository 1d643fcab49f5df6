package dev.modelmonitor.reports;

import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.ModelReport;

/** What the window processor emits: a report, or a dead letter for a late event. */
record ReportsOutput(ModelReport report, DeadLetter deadLetter) {
  static ReportsOutput of(ModelReport report) {
    return new ReportsOutput(report, null);
  }

  static ReportsOutput of(DeadLetter letter) {
    return new ReportsOutput(null, letter);
  }
}
