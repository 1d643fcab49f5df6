package dev.modelmonitor.schema;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fully populated instance of every top-level record: every optional field set. */
public final class SampleRecords {
  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private SampleRecords() {}

  public static Instance instance() {
    return Instance.newBuilder()
        .setId("churn-7d9f-abcde")
        .setHostname("churn-7d9f-abcde")
        .setContainerId("3f4e5d6c7b8a")
        .setPod("churn-7d9f-abcde")
        .setNamespace("ml")
        .setNode("node-1")
        .setImage("registry.example/churn:1.4.2")
        .build();
  }

  public static PredictionEvent prediction() {
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("age", 42L);
    features.put("income", 51234.5);
    features.put("plan", "gold");
    features.put("active", true);
    features.put("referrer", null);
    return PredictionEvent.newBuilder()
        .setModelId("churn")
        .setModelVersion("1.4.2")
        .setTimestamp(T0)
        .setInstance(instance())
        .setRequestId("req-1")
        .setFeatures(features)
        .setPrediction("stay")
        .setScores(Map.of("stay", 0.8, "leave", 0.2))
        .setLatencyMicros(1830L)
        .setOutcome(Outcome.ERROR)
        .setError("java.lang.IllegalStateException")
        .setErrorMessage("feature store timed out")
        .build();
  }

  public static LabelEvent label() {
    return LabelEvent.newBuilder()
        .setModelId("churn")
        .setModelVersion("1.4.2")
        .setTimestamp(T0.plusSeconds(3600))
        .setInstance(instance())
        .setRequestId("req-1")
        .setActual("leave")
        .build();
  }

  public static StateEvent lifecycle() {
    return state(LifecycleChange.newBuilder().setState(LifecycleState.DEGRADED).setReason("GPU lost").build());
  }

  public static StateEvent heartbeat() {
    return state(Heartbeat.newBuilder().setSequence(12).setUptimeMillis(120_000).setIntervalMillis(10_000).build());
  }

  public static StateEvent resources() {
    return state(
        ResourceSample.newBuilder()
            .setCgroupVersion("v2")
            .setCpuCoresUsed(0.75)
            .setCpuCoresLimit(2.0)
            .setMemoryBytesUsed(512L << 20)
            .setMemoryBytesLimit(1L << 30)
            .setRestarts(1)
            .build());
  }

  private static StateEvent state(Object event) {
    return StateEvent.newBuilder()
        .setModelId("churn")
        .setModelVersion("1.4.2")
        .setTimestamp(T0)
        .setInstance(instance())
        .setEvent(event)
        .build();
  }

  public static FeatureProfile numericProfile() {
    return FeatureProfile.newBuilder()
        .setName("income")
        .setType(FeatureType.NUMERIC)
        .setCount(5)
        .setMissing(1)
        .setTypeMismatches(1)
        .setMean(3.0)
        .setStd(1.4142135623730951)
        .setMin(1.0)
        .setMax(5.0)
        .setQuantiles(List.of(new QuantileValue(0.5, 3.0)))
        .setBinEdges(List.of(2.0, 4.0))
        .setBinCounts(List.of(2L, 2L, 1L))
        .setCategories(Map.of())
        .setOtherCount(0)
        .setValues(List.of(1.0, 2.0, 3.0, 4.0, 5.0))
        .setSketch(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .build();
  }

  public static FeatureProfile categoricalProfile() {
    return FeatureProfile.newBuilder()
        .setName("plan")
        .setType(FeatureType.CATEGORICAL)
        .setCount(10)
        .setMissing(0)
        .setCategories(Map.of("gold", 7L, "silver", 3L))
        .setOtherCount(2)
        .build();
  }

  public static ReferenceProfile reference() {
    return ReferenceProfile.newBuilder()
        .setModelId("churn")
        .setCreatedAt(T0)
        .setSource("data.csv")
        .setRowCount(6)
        .setFeatures(List.of(numericProfile(), categoricalProfile()))
        .setPrediction(categoricalProfile())
        .setLabel(categoricalProfile())
        .setTaskType(TaskType.CLASSIFICATION)
        .setDriftThresholds(Map.of("income.psi", 0.2))
        .build();
  }

  public static AlertRule rule() {
    return AlertRule.newBuilder()
        .setId("high-error-rate")
        .setModel("*")
        .setMetric("error_rate")
        .setWindowMillis(60_000)
        .setOp(Comparator.GT)
        .setThreshold(0.05)
        .setValues(List.of("FAILED"))
        .setForMillis(30_000)
        .setSeverity("critical")
        .setLabels(Map.of("team", "ml"))
        .setSummary("{{model}} error rate {{value}} > {{threshold}}")
        .setDescription("More than 5% of requests fail.")
        .setParams(Map.of("delta", "0.01"))
        .setEnabled(true)
        .build();
  }

  public static Alert alert() {
    return Alert.newBuilder()
        .setAlertId("a1b2c3")
        .setRuleId("high-error-rate")
        .setModelId("churn")
        .setModelVersion("1.4.2")
        .setSeverity("critical")
        .setStatus(AlertStatus.RESOLVED)
        .setMetric("error_rate")
        .setOp(">")
        .setValue(0.12)
        .setValueText("0.12")
        .setThreshold(0.05)
        .setStartsAt(T0)
        .setEndsAt(T0.plusSeconds(300))
        .setEmittedAt(T0.plusSeconds(300))
        .setSummary("churn error rate 0.12 > 0.05")
        .setDescription("More than 5% of requests fail.")
        .setLabels(Map.of("team", "ml", "model", "churn"))
        .setContext(
            List.of(new AlertContext("java.lang.IllegalStateException", 12.0, "0", "12", "top error")))
        .setUrl("http://localhost:8080/alerts/a1b2c3")
        .build();
  }

  public static ModelReport report() {
    DriftResult drift =
        DriftResult.newBuilder()
            .setMethod("ks")
            .setScore(0.01)
            .setThreshold(0.05)
            .setDrifted(true)
            .setPsi(0.3)
            .setJsDistance(0.2)
            .setKsStatistic(0.4)
            .setKsPValue(0.01)
            .setWasserstein(1.5)
            .setWassersteinNormed(0.2)
            .setChiSquare(3.2)
            .setChiSquarePValue(0.07)
            .setExact(false)
            .build();
    FeatureReport feature =
        FeatureReport.newBuilder()
            .setName("income")
            .setCurrent(numericProfile())
            .setDrift(drift)
            .setMissingRate(0.1)
            .setReferenceMissingRate(0.0)
            .setOutOfRangeShare(0.05)
            .setUnseenCategories(List.of("platinum"))
            .build();
    return ModelReport.newBuilder()
        .setReportId("churn@2026-11-28T10:00:00Z")
        .setModelId("churn")
        .setModelVersions(List.of("1.4.2"))
        .setWindowStart(T0)
        .setWindowEnd(T0.plusSeconds(3600))
        .setGeneratedAt(T0.plusSeconds(3900))
        .setEventCount(100)
        .setErrorCount(3)
        .setOutcomeCounts(Map.of("OK", 97L, "ERROR", 3L))
        .setErrorTypes(Map.of("java.lang.IllegalStateException", 3L))
        .setLatency(new LatencySummary(100L, 2.0, 1.5, 3.0, 9.0, 12.0))
        .setHasReference(true)
        .setReferenceSource("data.csv")
        .setReferenceCreatedAt(T0.minusSeconds(86_400))
        .setFeatures(List.of(feature))
        .setPrediction(feature)
        .setDatasetDrift(new DatasetDrift(1, 1, 1.0, 0.5, true))
        .setFindings(List.of(new Finding("unseen_categories", "warning", "plan", "1 new category", 1.0)))
        .setPerformance(
            Performance.newBuilder()
                .setTaskType(TaskType.CLASSIFICATION)
                .setLabeledCount(10)
                .setAccuracy(0.9)
                .setPrecisionMacro(0.85)
                .setRecallMacro(0.8)
                .setF1Macro(0.82)
                .setConfusion(
                    new ConfusionMatrix(List.of("stay", "leave"), List.of(List.of(8L, 1L), List.of(0L, 1L))))
                .setMae(0.1)
                .setRmse(0.2)
                .setMape(0.3)
                .setBias(-0.05)
                .build())
        .build();
  }

  public static CheckRequest checkRequest() {
    return CheckRequest.newBuilder()
        .setRequestId("chk-1")
        .setModelId("churn")
        .setChecks(List.of(CheckType.HEALTH, CheckType.DRIFT))
        .setLookbackSeconds(900)
        .setRequestedBy("ci")
        .setRequestedAt(T0)
        .setThresholds(Map.of("error_rate", 0.01))
        .build();
  }

  public static CheckResult checkResult() {
    return CheckResult.newBuilder()
        .setRequestId("chk-1")
        .setModelId("churn")
        .setStatus(CheckStatus.WARN)
        .setFindings(
            List.of(new CheckFinding(CheckType.HEALTH, CheckStatus.WARN, "error_rate", 0.02, 0.01, "2% errors")))
        .setWindowStart(T0.minusSeconds(900))
        .setWindowEnd(T0)
        .setAnsweredAt(T0.plusMillis(40))
        .setAnsweredBy("model-monitor-0")
        .setMessage("error rate above threshold")
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setSourceTopic("mm.predictions")
        .setSourcePartition(3)
        .setSourceOffset(1234)
        .setSourceTimestamp(T0)
        .setReason("DESERIALIZATION")
        .setMessage("MISSING_MAGIC_BYTE")
        .setComponent("reports")
        .setFailedAt(T0.plusSeconds(1))
        .setKey(ByteBuffer.wrap("churn".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(new byte[] {42}))
        .setHeaders(Map.of("attempts", "5"))
        .build();
  }

  /** Every sample above, one per top-level record type (and one per StateEvent kind). */
  public static List<org.apache.avro.specific.SpecificRecord> all() {
    return List.of(
        prediction(), label(), lifecycle(), heartbeat(), resources(), reference(), rule(), alert(),
        report(), checkRequest(), checkResult(), deadLetter());
  }
}
