package dev.modelmonitor.checks;

import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.DeadLetter;

/** What the checks processor emits: a result for the results topic or a dead letter. */
record ChecksOutput(CheckResult result, DeadLetter deadLetter) {
  static ChecksOutput of(CheckResult result) {
    return new ChecksOutput(result, null);
  }

  static ChecksOutput of(DeadLetter deadLetter) {
    return new ChecksOutput(null, deadLetter);
  }
}
