package dev.modelmonitor.checks;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the requested checks on the evidence and gives the verdict.
 *
 * <p>Each check's verdict is the worst of its findings (FAIL over WARN over PASS), or NO_DATA
 * when no finding had data. The overall status is FAIL or WARN if any check is; otherwise, when
 * the request named its checks, NO_DATA if any of them had no data (a gate that asked for drift
 * must not pass without it), else PASS; when it asked for all checks (an empty list), PASS if any
 * check passed, else NO_DATA (so a model without labels or reference still passes on health).
 */
final class CheckEvaluator {
  private static final Map<CheckType, Evidence.Check> CHECKS = checks();

  private CheckEvaluator() {}

  private static Map<CheckType, Evidence.Check> checks() {
    Map<CheckType, Evidence.Check> checks = new EnumMap<>(CheckType.class);
    checks.put(CheckType.HEALTH, new HealthCheck());
    checks.put(CheckType.DRIFT, new DriftCheck());
    checks.put(CheckType.DATA_QUALITY, new DataQualityCheck());
    checks.put(CheckType.PERFORMANCE, new PerformanceCheck());
    checks.put(CheckType.LATENCY, new LatencyCheck());
    return checks;
  }

  static CheckResult answer(CheckRequest request, Evidence evidence, String answeredBy) {
    boolean all = request.getChecks().isEmpty();
    Set<CheckType> wanted = all ? CHECKS.keySet() : new LinkedHashSet<>(request.getChecks());
    List<CheckFinding> findings = new ArrayList<>();
    Map<CheckType, CheckStatus> verdicts = new EnumMap<>(CheckType.class);
    for (CheckType type : wanted) {
      List<CheckFinding> own = CHECKS.get(type).evaluate(evidence);
      findings.addAll(own);
      verdicts.put(type, Findings.verdict(own));
    }
    CheckStatus overall = overall(verdicts.values(), all);
    StringBuilder summary = new StringBuilder(overall.name()).append(':');
    verdicts.forEach((type, status) -> summary.append(' ').append(type).append(' ')
        .append(status).append(','));
    summary.setLength(summary.length() - 1);
    return result(request, overall, findings, evidence.window().startMillis,
        evidence.window().endMillis, evidence.nowMillis(), answeredBy, summary.toString());
  }

  static CheckStatus overall(Iterable<CheckStatus> verdicts, boolean all) {
    boolean anyPass = false;
    boolean anyNoData = false;
    CheckStatus worst = CheckStatus.PASS;
    for (CheckStatus status : verdicts) {
      if (status == CheckStatus.NO_DATA) {
        anyNoData = true;
      } else {
        anyPass |= status == CheckStatus.PASS;
        worst = Findings.worse(worst, status);
      }
    }
    if (worst != CheckStatus.PASS) {
      return worst;
    }
    if (all) {
      return anyPass ? CheckStatus.PASS : CheckStatus.NO_DATA;
    }
    return anyNoData ? CheckStatus.NO_DATA : CheckStatus.PASS;
  }

  static CheckResult unknownModel(CheckRequest request, long nowMillis, String answeredBy) {
    return result(request, CheckStatus.UNKNOWN_MODEL, List.of(), null, null, nowMillis,
        answeredBy, "model '" + request.getModelId() + "' has never been seen: no prediction, "
            + "label, state or reference event; check the model id (GET /api/models lists the "
            + "known ones)");
  }

  static CheckResult noData(CheckRequest request, long startMillis, long nowMillis,
      String answeredBy, String message) {
    return result(request, CheckStatus.NO_DATA, List.of(), startMillis, nowMillis, nowMillis,
        answeredBy, message);
  }

  static CheckResult error(String requestId, String modelId, long nowMillis, String answeredBy,
      String message) {
    return CheckResult.newBuilder()
        .setRequestId(requestId == null ? "" : requestId)
        .setModelId(modelId == null ? "" : modelId)
        .setStatus(CheckStatus.ERROR)
        .setFindings(List.of())
        .setAnsweredAt(Instant.ofEpochMilli(nowMillis))
        .setAnsweredBy(answeredBy)
        .setMessage(message)
        .build();
  }

  private static CheckResult result(CheckRequest request, CheckStatus status,
      List<CheckFinding> findings, Long startMillis, Long endMillis, long nowMillis,
      String answeredBy, String message) {
    return CheckResult.newBuilder()
        .setRequestId(request.getRequestId())
        .setModelId(request.getModelId())
        .setStatus(status)
        .setFindings(findings)
        .setWindowStart(startMillis == null ? null : Instant.ofEpochMilli(startMillis))
        .setWindowEnd(endMillis == null ? null : Instant.ofEpochMilli(endMillis))
        .setAnsweredAt(Instant.ofEpochMilli(nowMillis))
        .setAnsweredBy(answeredBy)
        .setMessage(message)
        .build();
  }
}
