package dev.modelmonitor.reports;

import dev.modelmonitor.schema.DriftResult;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.Finding;
import dev.modelmonitor.schema.LatencySummary;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.Performance;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.DriftCalculator;
import dev.modelmonitor.stats.DriftThresholds;
import dev.modelmonitor.stats.FeatureDrift;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.PreparedReference;
import dev.modelmonitor.stats.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a closed window and the reference in force into its {@link ModelReport}: counts, latency,
 * per-feature profile and drift, prediction drift, dataset drift, data-quality findings and
 * performance.
 *
 * <p>Per feature: the missing rate is the share of the window's events without a usable value
 * (null, absent, or of the wrong type); the window's numeric bins are the reference's edges (the
 * counts rebinned when the reference changed while the window was open). Reports carry moments,
 * quantiles, bins and categories; the exact values and sketches stay in the state.
 */
final class ReportBuilder {
  private static final int MAX_UNSEEN_LISTED = 20;
  private static final int UNSEEN_IN_MESSAGE = 5;
  private static final Comparator<FeatureReport> BY_DRIFT =
      Comparator.comparing((FeatureReport f) -> f.getDrift() == null || !f.getDrift().getDrifted())
          .thenComparing(f -> f.getDrift() == null || f.getDrift().getPsi() == null
              ? Double.NEGATIVE_INFINITY : -f.getDrift().getPsi())
          .thenComparing(FeatureReport::getName);

  private final ReportsSettings settings;

  ReportBuilder(ReportsSettings settings) {
    this.settings = settings;
  }

  /**
   * The report of {@code window}.
   *
   * @param reference the reference in force, or null
   * @param referenceProblem why the model's reference could not be used, or null
   */
  ModelReport build(WindowAccumulator window, ModelReference reference, String referenceProblem,
      long generatedAt) {
    List<Finding> findings = new ArrayList<>();
    if (reference == null) {
      findings.add(finding("no_reference", "info", null,
          referenceProblem != null ? referenceProblem
              : "No reference profile for model " + window.key().modelId() + ": the report has "
                  + "profiles but no drift; publish one with 'model-monitor reference publish'.",
          null));
    } else if (reference.thresholdProblem() != null) {
      findings.add(finding("reference_thresholds_ignored", "warning", null,
          "The reference's drift thresholds were ignored: " + reference.thresholdProblem(), null));
    }
    if (reference != null && window.events() < settings.fewEvents()) {
      findings.add(finding("few_events", "info", null, "Only " + window.events() + " event"
          + (window.events() == 1 ? "" : "s") + " in this window: drift statistics over fewer "
          + "than " + settings.fewEvents() + " values are mostly noise. For replayed history, "
          + "widen " + ReportsSettings.WINDOW + " so that each window holds enough events.",
          (double) window.events()));
    }
    DriftCalculator calculator = new DriftCalculator(
        reference == null ? DriftThresholds.defaults() : reference.thresholds());

    List<FeatureReport> features = new ArrayList<>();
    List<FeatureDrift> drifts = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    if (reference != null) {
      names.addAll(reference.features().keySet());
    }
    Map<String, Profile> windowFeatures = window.features(); // a new map each call
    names.addAll(windowFeatures.keySet());
    for (String name : names) {
      Profile current = windowFeatures.get(name);
      Profile referenceProfile = reference == null ? null : reference.feature(name);
      if (current == null) {
        current = referenceProfile.emptyLike();
      }
      FeatureDrift drift = compare(calculator, name, referenceProfile,
          reference == null ? null : reference.prepared(name), current, findings);
      if (drift != null && drift.computed()) {
        drifts.add(drift);
      }
      features.add(featureReport(name, current, referenceProfile, drift, window.events(),
          findings, true));
    }
    for (String name : window.featuresWithoutValues()) {
      if (!names.contains(name)) {
        findings.add(finding("no_values", "info", name, "Feature " + name + " had no value in "
            + "this window and is not in the reference, so its type is unknown.", 1.0));
      }
    }
    if (window.ignoredFeatureValues() > 0) {
      findings.add(finding("too_many_features", "warning", null, "More than "
          + settings.maxFeatures() + " features: " + window.ignoredFeatureValues()
          + " values of features such as " + String.join(", ", window.ignoredFeatures())
          + " were not profiled (" + ReportsSettings.MAX_FEATURES + ").",
          (double) window.ignoredFeatureValues()));
    }
    features.sort(BY_DRIFT);

    FeatureReport prediction = null;
    Profile currentPrediction = window.prediction();
    Profile referencePrediction = reference == null ? null : reference.prediction();
    if (currentPrediction == null && referencePrediction != null) {
      currentPrediction = referencePrediction.emptyLike();
    }
    if (currentPrediction != null) {
      FeatureDrift drift = compare(calculator, "prediction", referencePrediction,
          reference == null ? null : reference.preparedPrediction(), currentPrediction, findings);
      prediction = featureReport("prediction", currentPrediction, referencePrediction, drift,
          window.events(), findings, false);
    }

    TaskType task = reference != null && reference.taskType() != null ? reference.taskType()
        : TaskTypeRule.infer(null, window.prediction());
    Performance performance = task == null ? null : window.performance().toAvro(task);
    if (performance != null && !settings.waitForLabels()) {
      findings.add(finding("performance_partial", "info", null, "Performance covers the "
          + performance.getLabeledCount() + " labels joined by windowEnd + grace; labels may "
          + "still arrive (" + ReportsSettings.WAIT_FOR_LABELS + " is false).", null));
    }

    long ok = window.outcomeCount(Outcome.OK);
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (Outcome o : Outcome.values()) {
      if (window.outcomeCount(o) > 0) {
        outcomes.put(o.name(), window.outcomeCount(o));
      }
    }
    Map<String, Long> errorTypes = new LinkedHashMap<>(window.errorTypes().categoryCounts());
    if (window.errorTypes().otherCount() > 0) {
      errorTypes.put("(other)", window.errorTypes().otherCount());
    }
    return ModelReport.newBuilder()
        .setReportId(window.key().modelId() + "@" + Instant.ofEpochMilli(window.start()))
        .setModelId(window.key().modelId())
        .setModelVersions(new ArrayList<>(window.versions().categoryCounts().keySet()))
        .setWindowStart(Instant.ofEpochMilli(window.start()))
        .setWindowEnd(Instant.ofEpochMilli(window.end()))
        .setGeneratedAt(Instant.ofEpochMilli(generatedAt))
        .setEventCount(window.events())
        .setErrorCount(window.events() - ok)
        .setOutcomeCounts(outcomes)
        .setErrorTypes(errorTypes)
        .setLatency(latency(window.latencyMs()))
        .setHasReference(reference != null)
        .setReferenceSource(reference == null ? null : reference.source())
        .setReferenceCreatedAt(reference == null ? null : reference.createdAt())
        .setFeatures(features)
        .setPrediction(prediction)
        .setDatasetDrift(reference == null ? null : calculator.datasetDrift(drifts))
        .setFindings(findings)
        .setPerformance(performance)
        .build();
  }

  private static FeatureDrift compare(DriftCalculator calculator, String name, Profile reference,
      PreparedReference prepared, Profile current, List<Finding> findings) {
    if (reference == null) {
      return null;
    }
    if (reference.type() != current.type()) {
      findings.add(finding("type_changed", "warning", name, name + " is "
          + reference.type().name().toLowerCase(Locale.ROOT) + " in the reference but was "
          + "profiled as " + current.type().name().toLowerCase(Locale.ROOT) + " in this window "
          + "(it opened before the reference arrived); no drift for this window.", null));
      return null;
    }
    return calculator.compare(name, prepared, current);
  }

  private FeatureReport featureReport(String name, Profile current, Profile reference,
      FeatureDrift drift, long events, List<Finding> findings, boolean isFeature) {
    FeatureProfile profile = current.summaryToAvro(name);
    profile.setMissing(Math.max(0, events - current.count()));
    DriftResult driftResult = drift == null ? null : drift.toAvro().orElse(null);
    if (driftResult != null && reference instanceof NumericProfile numericReference) {
      profile.setBinEdges(boxed(numericReference.binEdges()));
      profile.setBinCounts(drift.bins().current());
    }
    double missingRate = events == 0 ? 0.0 : (double) (events - current.count()) / events;
    Double referenceMissingRate = reference == null ? null : ModelReference.missingRate(reference);
    Double outOfRange = null;
    if (reference instanceof NumericProfile r && current instanceof NumericProfile c
        && r.count() > 0 && c.count() > 0) {
      outOfRange = c.fractionOutside(r.min(), r.max());
    }
    List<String> unseen = drift == null || !drift.computed() ? List.of()
        : drift.unseenCategories();
    if (unseen.size() > MAX_UNSEEN_LISTED) {
      unseen = unseen.subList(0, MAX_UNSEEN_LISTED);
    }

    String subject = isFeature ? "Feature " + name : "The prediction";
    if (referenceMissingRate != null && events > 0
        && missingRate - referenceMissingRate >= settings.missingRateJump()
        && missingRate > referenceMissingRate) {
      findings.add(finding("missing_rate_jump", "warning", name, String.format(Locale.ROOT,
          "%s is missing in %.1f%% of events, %.1f%% in the reference.", subject,
          100 * missingRate, 100 * referenceMissingRate), missingRate));
    }
    if (!unseen.isEmpty()) {
      List<Long> currentBins = drift.bins().current();
      double share = current.count() == 0 ? 0.0
          : (double) currentBins.get(currentBins.size() - 1) / current.count();
      findings.add(finding("unseen_categories", "warning", name, String.format(Locale.ROOT,
          "%s has %d categor%s the reference does not (%.1f%% of values): %s%s.", subject,
          drift.unseenCategories().size(), drift.unseenCategories().size() == 1 ? "y" : "ies",
          100 * share, String.join(", ", unseen.subList(0,
              Math.min(UNSEEN_IN_MESSAGE, unseen.size()))),
          unseen.size() > UNSEEN_IN_MESSAGE ? ", …" : ""), share));
    }
    if (outOfRange != null && outOfRange > settings.outOfRangeShare()) {
      NumericProfile r = (NumericProfile) reference;
      findings.add(finding("out_of_range", "warning", name, String.format(Locale.ROOT,
          "%.1f%% of %s values are outside the reference range [%s, %s].", 100 * outOfRange,
          isFeature ? name : "prediction", r.min(), r.max()), outOfRange));
    }
    if (current.typeMismatches() > 0) {
      double share = events == 0 ? 0.0 : (double) current.typeMismatches() / events;
      findings.add(finding("type_mismatch", "warning", name, String.format(Locale.ROOT,
          "%s had %d value%s of the wrong type for a %s feature (counted as missing).", subject,
          current.typeMismatches(), current.typeMismatches() == 1 ? "" : "s",
          current.type().name().toLowerCase(Locale.ROOT)), share));
    }
    return FeatureReport.newBuilder()
        .setName(name)
        .setCurrent(profile)
        .setDrift(driftResult)
        .setMissingRate(missingRate)
        .setReferenceMissingRate(referenceMissingRate)
        .setOutOfRangeShare(outOfRange)
        .setUnseenCategories(unseen)
        .build();
  }

  private static LatencySummary latency(NumericProfile ms) {
    if (ms.count() == 0) {
      return null;
    }
    return LatencySummary.newBuilder()
        .setCount(ms.count())
        .setMeanMs(ms.mean())
        .setP50Ms(ms.quantile(0.5))
        .setP90Ms(ms.quantile(0.9))
        .setP99Ms(ms.quantile(0.99))
        .setMaxMs(ms.max())
        .build();
  }

  private static Finding finding(String kind, String severity, String feature, String message,
      Double value) {
    return Finding.newBuilder()
        .setKind(kind)
        .setSeverity(severity)
        .setFeature(feature)
        .setMessage(message)
        .setValue(value)
        .build();
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return list;
  }
}
