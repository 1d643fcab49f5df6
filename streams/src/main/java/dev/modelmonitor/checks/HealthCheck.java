package dev.modelmonitor.checks;

import static dev.modelmonitor.schema.CheckType.HEALTH;

import dev.modelmonitor.checks.ModelStatus.InstanceStatus;
import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HEALTH: the lifecycle of the instances that reported lately, the age of the newest heartbeat,
 * the error rate over the lookback, and the model versions served.
 *
 * <p>An instance counts as live when it reported any state within the lookback (or the heartbeat
 * threshold, if longer) and is not STOPPED. Each live instance not READY is a finding: FAILED
 * fails, DEGRADED, STARTING and LOADING warn. Instances that only send heartbeats count as ready.
 */
final class HealthCheck implements Evidence.Check {

  @Override
  public List<CheckFinding> evaluate(Evidence e) {
    List<CheckFinding> findings = new ArrayList<>();
    lifecycle(e, findings);
    heartbeat(e, findings);
    errorRate(e, findings);
    versions(e, findings);
    return findings;
  }

  private static void lifecycle(Evidence e, List<CheckFinding> findings) {
    List<InstanceStatus> instances = e.status().instances();
    if (instances.isEmpty()) {
      findings.add(Findings.noData(HEALTH, "lifecycle", "no lifecycle or heartbeat events from "
          + e.modelId() + " (the app does not report its state)"));
      return;
    }
    long horizon = Math.max(e.lookbackMillis(), (long) (1000
        * e.thresholds().heartbeatAgeSeconds(newestHeartbeat(instances).heartbeatIntervalMillis())));
    List<InstanceStatus> live = instances.stream()
        .filter(i -> i.lastSeenMillis() >= e.nowMillis() - horizon)
        .filter(i -> !LifecycleState.STOPPED.name().equals(i.lifecycle()))
        .toList();
    if (live.isEmpty()) {
      InstanceStatus last = instances.get(0);
      String what = LifecycleState.STOPPED.name().equals(last.lifecycle())
          ? "every instance has stopped" : "no instance reported its state lately";
      findings.add(Findings.of(HEALTH, CheckStatus.FAIL, "ready_instances", 0.0, null, what
          + "; last: " + describe(last) + ", seen " + Findings.ago(last.lastSeenMillis(),
          e.nowMillis())));
      return;
    }
    List<InstanceStatus> ready = new ArrayList<>();
    for (InstanceStatus i : live) {
      String state = i.lifecycle();
      if (state == null || state.equals(LifecycleState.READY.name())) {
        ready.add(i);
        continue;
      }
      CheckStatus status = state.equals(LifecycleState.FAILED.name())
          ? CheckStatus.FAIL : CheckStatus.WARN;
      findings.add(Findings.of(HEALTH, status, "lifecycle", null, null, "instance "
          + describe(i) + " since " + Findings.ago(i.lifecycleSinceMillis(), e.nowMillis())
          + (i.reason() == null ? "" : ": " + i.reason())));
    }
    CheckStatus summary = ready.size() == live.size() ? CheckStatus.PASS
        : ready.isEmpty() ? CheckStatus.FAIL : CheckStatus.WARN;
    findings.add(Findings.of(HEALTH, summary, "ready_instances", (double) ready.size(), null,
        ready.size() + " of " + live.size() + " live instances ready"
            + (ready.isEmpty() ? "" : ": " + ready.stream().map(HealthCheck::describe)
                .collect(Collectors.joining(", ")))));
  }

  private static String describe(InstanceStatus i) {
    StringBuilder s = new StringBuilder(i.id());
    if (i.modelVersion() != null) {
      s.append(" (").append(i.modelVersion()).append(')');
    }
    if (i.lifecycle() != null) {
      s.append(' ').append(i.lifecycle());
    }
    return s.toString();
  }

  private static InstanceStatus newestHeartbeat(List<InstanceStatus> instances) {
    return instances.stream().max(Comparator.comparingLong(InstanceStatus::lastHeartbeatMillis))
        .orElseThrow();
  }

  private static void heartbeat(Evidence e, List<CheckFinding> findings) {
    List<InstanceStatus> instances = e.status().instances();
    if (instances.isEmpty()) {
      return; // said by the lifecycle finding
    }
    InstanceStatus newest = newestHeartbeat(instances);
    if (newest.lastHeartbeatMillis() == 0) {
      findings.add(Findings.noData(HEALTH, CheckThresholds.HEARTBEAT_AGE_S,
          "no heartbeats received (lifecycle and resource events only)"));
      return;
    }
    double age = Math.max(0, e.nowMillis() - newest.lastHeartbeatMillis()) / 1000.0;
    double threshold = e.thresholds().heartbeatAgeSeconds(newest.heartbeatIntervalMillis());
    CheckStatus status = Findings.above(age, threshold, CheckStatus.FAIL);
    findings.add(Findings.of(HEALTH, status, CheckThresholds.HEARTBEAT_AGE_S, age, threshold,
        "newest heartbeat " + Findings.num(age) + " s old, from " + newest.id()
            + (status == CheckStatus.FAIL ? " (> " : " (<= ") + Findings.num(threshold) + " s)"));
  }

  private static void errorRate(Evidence e, List<CheckFinding> findings) {
    long n = e.predictionsIfEnough();
    if (n <= 0) {
      findings.add(Findings.noData(HEALTH, CheckThresholds.ERROR_RATE, e.tooFewPredictions()));
      return;
    }
    MinuteBucket total = e.window().total;
    long errors = total.errors();
    double rate = (double) errors / n;
    Double threshold = e.thresholds().value(CheckThresholds.ERROR_RATE);
    StringBuilder message = new StringBuilder(Findings.percent(rate)).append(" of ")
        .append(Findings.count(n)).append(" predictions not OK");
    if (errors > 0) {
      List<String> parts = new ArrayList<>();
      for (Outcome o : Outcome.values()) {
        if (o != Outcome.OK && total.outcomes[o.ordinal()] > 0) {
          parts.add(o + " " + total.outcomes[o.ordinal()]);
        }
      }
      message.append(" (").append(String.join(", ", parts)).append(')');
      if (total.errorTypes != null) {
        message.append("; top errors: ").append(top(total.errorTypes.categoryCounts(), 3));
      }
    }
    findings.add(Findings.of(HEALTH, Findings.above(rate, threshold, CheckStatus.FAIL),
        CheckThresholds.ERROR_RATE, rate, threshold, message.toString()));
  }

  private static void versions(Evidence e, List<CheckFinding> findings) {
    MinuteBucket total = e.window().total;
    if (total.versions == null || total.versions.count() == 0) {
      return;
    }
    long n = total.versions.count();
    String served = total.versions.categoryCounts().entrySet().stream().limit(5)
        .map(v -> v.getKey() + " " + Findings.percent((double) v.getValue() / n))
        .collect(Collectors.joining(", "));
    findings.add(Findings.of(HEALTH, CheckStatus.PASS, "model_versions",
        (double) total.versions.categoryCounts().size(), null, "versions served: " + served));
  }

  static String top(Map<String, Long> counts, int limit) {
    return counts.entrySet().stream().limit(limit)
        .map(c -> c.getKey() + " " + c.getValue()).collect(Collectors.joining(", "));
  }
}
