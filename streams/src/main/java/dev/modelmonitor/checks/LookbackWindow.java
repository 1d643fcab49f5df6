package dev.modelmonitor.checks;


/**
 * The minutes of one model a check looks at, summed: every count of every minute, and the feature
 * and prediction profiles of the minutes counted against the reference now in force (minutes
 * profiled against an earlier reference, or before there was one, are counted in {@link
 * #minutesOnOtherReference} and left out of drift and data quality).
 */
final class LookbackWindow {
  final long startMillis;
  final long endMillis;
  final MinuteBucket total = new MinuteBucket();
  int minutesWithData;
  int minutesOnOtherReference;
  /** Predictions whose features are in {@code total}'s profiles. */
  long profiledPredictions;

  LookbackWindow(long startMillis, long endMillis, long referenceVersion) {
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    total.referenceVersion = referenceVersion;
  }

  /** Adds one minute; the bucket does not change. */
  void add(MinuteBucket bucket) {
    if (bucket.isEmpty()) {
      return;
    }
    minutesWithData++;
    long referenceVersion = total.referenceVersion;
    boolean current = referenceVersion != 0 && bucket.referenceVersion == referenceVersion;
    total.mergeFrom(bucket, current);
    if (current) {
      profiledPredictions += bucket.predictions;
    } else if (bucket.predictions > 0) {
      minutesOnOtherReference++;
    }
  }

  /** An independent copy covering {@code startMillis} to {@code endMillis}. */
  LookbackWindow copy(long startMillis, long endMillis) {
    LookbackWindow copy = new LookbackWindow(startMillis, endMillis, total.referenceVersion);
    copy.total.mergeFrom(total, true);
    copy.minutesWithData = minutesWithData;
    copy.minutesOnOtherReference = minutesOnOtherReference;
    copy.profiledPredictions = profiledPredictions;
    return copy;
  }
}
