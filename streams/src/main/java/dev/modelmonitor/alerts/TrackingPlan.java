package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.MetricKind;
import dev.modelmonitor.alerts.rules.Rule;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a model's state must keep for the rules that watch it: a ring of buckets per bucket
 * width (the width follows from a rule's window, see {@link AlertsSettings#bucketWidth}); drift
 * rules get rings of their own, whose buckets hold feature profiles; the features rules name; a change detector per
 * {@code change:} rule.
 */
record TrackingPlan(
    Map<Long, Ring> rings, Set<String> features, Map<String, Detector> detectors) {

  record Ring(long width, int capacity, boolean profiles) {}

  record Detector(String series, PageHinkley.Params params) {}

  /** The width of the buckets a rule's window is kept in. */
  static long width(Rule rule, AlertsSettings settings) {
    return settings.bucketWidth(rule.window(), rule.metric().kind().needsProfiles()).toMillis();
  }

  static TrackingPlan of(List<Rule> rules, AlertsSettings settings) {
    Map<Long, Ring> rings = new TreeMap<>();
    Set<String> features = new LinkedHashSet<>();
    Map<String, Detector> detectors = new HashMap<>();
    for (Rule rule : rules) {
      MetricKind kind = rule.metric().kind();
      if (kind.usesBuckets()) {
        long width = width(rule, settings);
        int capacity = (int) Math.max(1, (rule.window().toMillis() + width - 1) / width);
        Ring existing = rings.get(width);
        rings.put(
            width,
            new Ring(
                width,
                existing == null ? capacity : Math.max(existing.capacity(), capacity),
                kind.needsProfiles() || (existing != null && existing.profiles())));
      }
      if ((kind == MetricKind.MISSING_RATE || kind == MetricKind.DRIFT) && !rule.metric().allFeatures()) {
        features.add(rule.metric().argument());
      }
      if (kind == MetricKind.CHANGE) {
        detectors.put(rule.id(), new Detector(rule.metric().argument(), PageHinkley.Params.of(rule)));
      }
    }
    return new TrackingPlan(rings, features, detectors);
  }
}
