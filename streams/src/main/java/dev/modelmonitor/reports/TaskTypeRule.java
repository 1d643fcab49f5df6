package dev.modelmonitor.reports;

import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;

/**
 * Decides whether a model classifies or regresses from the profile of its ground truth (else of
 * its output): classification when the values are categorical or boolean, or numeric with only
 * whole-number values and at most {@value #MAX_CLASSES} distinct ones (class codes such as 0/1 or
 * 1..5); regression otherwise (other numbers, or too many distinct values to keep exactly).
 */
public final class TaskTypeRule {
  /** Most distinct whole numbers a numeric column may have and still be read as classes. */
  public static final int MAX_CLASSES = 20;

  private TaskTypeRule() {}

  /**
   * The task type from the label profile, else the prediction profile (either may be null);
   * null when neither has a value.
   */
  public static TaskType infer(Profile label, Profile prediction) {
    Profile basis = label != null && label.count() > 0 ? label : prediction;
    if (basis == null || basis.count() == 0) {
      return null;
    }
    if (!(basis instanceof NumericProfile numeric)) {
      return TaskType.CLASSIFICATION;
    }
    if (!numeric.keepsValues()) {
      return TaskType.REGRESSION;
    }
    double[] distinct = numeric.distinctValues();
    if (distinct.length > MAX_CLASSES) {
      return TaskType.REGRESSION;
    }
    for (double v : distinct) {
      if (v != Math.rint(v)) {
        return TaskType.REGRESSION;
      }
    }
    return TaskType.CLASSIFICATION;
  }
}
