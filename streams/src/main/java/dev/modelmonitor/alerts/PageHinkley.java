package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleParams;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Page-Hinkley sequential change detector on one series of a model (per-request latency in
 * ms, or per-request error indicator 0/1), as in Page (1954) and River's {@code PageHinkley}.
 *
 * <p>After {@code min_samples} warm-up values (which also fix the scale: their mean in {@code
 * relative} mode, 1 in {@code absolute} mode), each value x (divided by the scale) updates the
 * running mean x̄ of the values since the last reset and, for increases, {@code m = alpha·m + (x
 * − x̄ − delta)}, {@code M = min(M, m)}; a change point is found when {@code m − M > lambda}
 * (decreases mirror this with {@code + delta} and the maximum). At a change point the detector
 * records it and starts over, warm-up included.
 *
 * <p>Defaults: for {@code latency_ms} relative scale, delta 0.25 (a quarter of the usual
 * latency is tolerated), lambda 100, alpha 1, min_samples 100, direction up; for {@code
 * error_rate} absolute scale, delta 0.01, lambda 25, alpha 1, min_samples 100, direction up.
 */
final class PageHinkley {
  static final int MAX_CHANGE_POINTS = 32;

  /** A change point found. */
  record ChangePoint(long time, boolean up, double before, double after, double statistic) {}

  /** The detector's parameters, from a rule's params and the defaults of its series. */
  record Params(double delta, double lambda, double alpha, long minSamples, String direction, boolean relative) {
    static Params of(Rule rule) {
      boolean latency = "latency_ms".equals(rule.metric().argument());
      String scale = rule.param(RuleParams.SCALE, latency ? "relative" : "absolute");
      return new Params(
          rule.numberParam(RuleParams.DELTA, latency ? 0.25 : 0.01),
          rule.numberParam(RuleParams.LAMBDA, latency ? 100 : 25),
          rule.numberParam(RuleParams.ALPHA, 1.0),
          (long) rule.numberParam(RuleParams.MIN_SAMPLES, 100),
          rule.param(RuleParams.DIRECTION, "up"),
          "relative".equals(scale));
    }
  }

  final String series;
  final Params params;
  private long n;
  private double warmupSum;
  private double scale = 1;
  private double mean;
  private double mUp;
  private double minUp;
  private double sumSinceMinUp;
  private long countSinceMinUp;
  private double mDown;
  private double maxDown;
  private double sumSinceMaxDown;
  private long countSinceMaxDown;
  private double sum;
  final Deque<ChangePoint> changePoints = new ArrayDeque<>();

  PageHinkley(String series, Params params) {
    this.series = series;
    this.params = params;
  }

  /** Adds a value observed at model time {@code time}; true when it completes a change point. */
  boolean add(double value, long time) {
    if (!Double.isFinite(value)) {
      return false;
    }
    n++;
    if (n <= params.minSamples) {
      warmupSum += value;
      if (n == params.minSamples) {
        double warmupMean = warmupSum / n;
        scale = params.relative && warmupMean > 0 ? warmupMean : 1;
        mean = warmupMean / scale;
        sum = warmupSum / scale;
      }
      return false;
    }
    double x = value / scale;
    sum += x;
    mean += (x - mean) / n;
    boolean up = params.direction.equals("up") || params.direction.equals("both");
    boolean down = params.direction.equals("down") || params.direction.equals("both");
    if (up) {
      mUp = params.alpha * mUp + (x - mean - params.delta);
      if (mUp < minUp) {
        minUp = mUp;
        sumSinceMinUp = 0;
        countSinceMinUp = 0;
      } else {
        sumSinceMinUp += x;
        countSinceMinUp++;
      }
      if (mUp - minUp > params.lambda) {
        record(time, true, mUp - minUp, sumSinceMinUp, countSinceMinUp);
        return true;
      }
    }
    if (down) {
      mDown = params.alpha * mDown + (x - mean + params.delta);
      if (mDown > maxDown) {
        maxDown = mDown;
        sumSinceMaxDown = 0;
        countSinceMaxDown = 0;
      } else {
        sumSinceMaxDown += x;
        countSinceMaxDown++;
      }
      if (maxDown - mDown > params.lambda) {
        record(time, false, maxDown - mDown, sumSinceMaxDown, countSinceMaxDown);
        return true;
      }
    }
    return false;
  }

  private void record(long time, boolean up, double statistic, double sumAfter, long countAfter) {
    double after = countAfter == 0 ? Double.NaN : sumAfter / countAfter;
    long before = n - countAfter;
    double beforeMean = before <= 0 ? Double.NaN : (sum - sumAfter) / before;
    changePoints.addLast(new ChangePoint(time, up, beforeMean * scale, after * scale, statistic));
    while (changePoints.size() > MAX_CHANGE_POINTS) {
      changePoints.removeFirst();
    }
    n = 0;
    warmupSum = 0;
    scale = 1;
    mean = 0;
    sum = 0;
    mUp = minUp = sumSinceMinUp = 0;
    countSinceMinUp = 0;
    mDown = maxDown = sumSinceMaxDown = 0;
    countSinceMaxDown = 0;
  }

  /** Change points at model time after {@code from}. */
  int changesSince(long from) {
    int count = 0;
    for (ChangePoint c : changePoints) {
      if (c.time() > from) {
        count++;
      }
    }
    return count;
  }

  ChangePoint latest() {
    return changePoints.peekLast();
  }

  void write(DataOutput out) throws IOException {
    out.writeUTF(series);
    out.writeDouble(params.delta);
    out.writeDouble(params.lambda);
    out.writeDouble(params.alpha);
    out.writeLong(params.minSamples);
    out.writeUTF(params.direction);
    out.writeBoolean(params.relative);
    out.writeLong(n);
    for (double d : new double[] {warmupSum, scale, mean, sum, mUp, minUp, sumSinceMinUp, mDown, maxDown, sumSinceMaxDown}) {
      out.writeDouble(d);
    }
    out.writeLong(countSinceMinUp);
    out.writeLong(countSinceMaxDown);
    out.writeInt(changePoints.size());
    for (ChangePoint c : changePoints) {
      out.writeLong(c.time());
      out.writeBoolean(c.up());
      out.writeDouble(c.before());
      out.writeDouble(c.after());
      out.writeDouble(c.statistic());
    }
  }

  static PageHinkley read(DataInput in) throws IOException {
    String series = in.readUTF();
    Params params =
        new Params(in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(), in.readUTF(), in.readBoolean());
    PageHinkley ph = new PageHinkley(series, params);
    ph.n = in.readLong();
    ph.warmupSum = in.readDouble();
    ph.scale = in.readDouble();
    ph.mean = in.readDouble();
    ph.sum = in.readDouble();
    ph.mUp = in.readDouble();
    ph.minUp = in.readDouble();
    ph.sumSinceMinUp = in.readDouble();
    ph.mDown = in.readDouble();
    ph.maxDown = in.readDouble();
    ph.sumSinceMaxDown = in.readDouble();
    ph.countSinceMinUp = in.readLong();
    ph.countSinceMaxDown = in.readLong();
    int changes = in.readInt();
    for (int i = 0; i < changes; i++) {
      ph.changePoints.addLast(
          new ChangePoint(in.readLong(), in.readBoolean(), in.readDouble(), in.readDouble(), in.readDouble()));
    }
    return ph;
  }
}
