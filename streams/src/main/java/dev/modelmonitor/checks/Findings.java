package dev.modelmonitor.checks;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Building findings and the numbers in their messages. */
final class Findings {
  private Findings() {}

  static CheckFinding of(CheckType check, CheckStatus status, String metric, Double value,
      Double threshold, String message) {
    return CheckFinding.newBuilder()
        .setCheck(check)
        .setStatus(status)
        .setMetric(metric)
        .setValue(value)
        .setThreshold(threshold)
        .setMessage(message)
        .build();
  }

  static CheckFinding noData(CheckType check, String metric, String message) {
    return of(check, CheckStatus.NO_DATA, metric, null, null, message);
  }

  /** {@code status} when {@code value} exceeds {@code threshold} (if any), else PASS. */
  static CheckStatus above(double value, Double threshold, CheckStatus status) {
    return threshold != null && value > threshold ? status : CheckStatus.PASS;
  }

  /** {@code status} when {@code value} is below {@code threshold} (if any), else PASS. */
  static CheckStatus below(double value, Double threshold, CheckStatus status) {
    return threshold != null && value < threshold ? status : CheckStatus.PASS;
  }

  /**
   * A check's verdict from its findings: NO_DATA when none had data, else the worst of the
   * others.
   */
  static CheckStatus verdict(List<CheckFinding> findings) {
    CheckStatus worst = null;
    for (CheckFinding f : findings) {
      if (f.getStatus() != CheckStatus.NO_DATA) {
        worst = worst == null ? f.getStatus() : worse(worst, f.getStatus());
      }
    }
    return worst == null ? CheckStatus.NO_DATA : worst;
  }

  /** The worse of PASS, WARN and FAIL. */
  static CheckStatus worse(CheckStatus a, CheckStatus b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(CheckStatus status) {
    return switch (status) {
      case FAIL -> 2;
      case WARN -> 1;
      default -> 0;
    };
  }

  /** Four significant digits, no exponent, no trailing zeros: 0.05234, 1234, 95. */
  static String num(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** A share as a percentage with up to two decimals: 5.23%. */
  static String percent(double share) {
    return new BigDecimal(share * 100).setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString() + "%";
  }

  static String count(long n) {
    return String.format("%,d", n);
  }

  static String ago(long thenMillis, long nowMillis) {
    return Instant.ofEpochMilli(thenMillis) + " ("
        + dev.modelmonitor.streams.Durations.format(
            Duration.ofSeconds(Math.max(0, (nowMillis - thenMillis) / 1000))) + " ago)";
  }
}
