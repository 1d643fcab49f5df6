package dev.modelmonitor.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmonitor.checks.ModelQueries;
import dev.modelmonitor.report.ReportExporter;
import dev.modelmonitor.report.ReportIndex;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.streams.Durations;
import dev.modelmonitor.ui.InstanceStatus;
import dev.modelmonitor.ui.MinutePoint;
import dev.modelmonitor.ui.ModelSeries;
import dev.modelmonitor.ui.ModelSummary;
import dev.modelmonitor.ui.UiData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The UI's view of a running service: models and their minutes from the checks topology (through
 * {@link ModelApi}, so every instance shows every model), alerts from the {@link AlertLog},
 * reports from the exported directory and the reports topic.
 */
final class ServiceUiData implements UiData {
  private final ModelApi api;
  private final AlertLog alerts;
  private final ReportBook reports;
  private final ReportExporter exporter;
  private final Duration maxLookback;

  /** @param exporter the reports directory's exporter, or null when no reports are written */
  ServiceUiData(ModelApi api, AlertLog alerts, ReportBook reports, ReportExporter exporter,
      Duration maxLookback) {
    this.api = api;
    this.alerts = alerts;
    this.reports = reports;
    this.exporter = exporter;
    this.maxLookback = maxLookback;
  }

  @Override
  public List<ModelSummary> models() {
    List<ModelSummary> models = new ArrayList<>();
    api.models().ifPresent(body -> body.path("models").forEach(m -> models.add(summary(m))));
    return models;
  }

  private static ModelSummary summary(JsonNode node) {
    ModelQueries.ModelOverview m = ModelApi.JSON.convertValue(node, ModelQueries.ModelOverview.class);
    Set<String> versions = new LinkedHashSet<>();
    List<InstanceStatus> instances = new ArrayList<>();
    Instant lastSeen = null;
    for (ModelQueries.InstanceView i : m.instances()) {
      if (i.modelVersion() != null) {
        versions.add(i.modelVersion());
      }
      instances.add(new InstanceStatus(
          Instance.newBuilder().setId(i.id()).setPod(i.pod()).setNamespace(i.namespace())
              .setNode(i.node()).build(),
          i.modelVersion(),
          i.lifecycle() == null ? null : LifecycleState.valueOf(i.lifecycle()),
          i.reason(),
          instant(i.lifecycleSince()),
          instant(i.lastHeartbeat()),
          0));
      Instant seen = instant(i.lastSeen());
      if (seen != null && (lastSeen == null || seen.isAfter(lastSeen))) {
        lastSeen = seen;
      }
    }
    if (m.modelVersion() != null) {
      versions.add(m.modelVersion());
    }
    return new ModelSummary(m.modelId(), List.copyOf(versions), instances, lastSeen);
  }

  @Override
  public ModelSeries series(String modelId, Duration lookback) {
    Duration bounded = lookback.compareTo(maxLookback) > 0 ? maxLookback : lookback;
    return api.series(modelId, Durations.format(bounded))
        .map(ServiceUiData::series)
        .orElse(ModelSeries.EMPTY);
  }

  private static ModelSeries series(JsonNode body) {
    List<MinutePoint> points = new ArrayList<>();
    body.path("points").forEach(node -> {
      ModelQueries.MinutePoint p = ModelApi.JSON.convertValue(node, ModelQueries.MinutePoint.class);
      points.add(new MinutePoint(Instant.parse(p.minute()), p.predictions(), p.errors(),
          p.latencyP50Ms(), p.latencyP99Ms(), p.driftShare()));
    });
    Map<String, Long> errorTypes = new TreeMap<>();
    body.path("errorTypes").fields()
        .forEachRemaining(e -> errorTypes.put(e.getKey(), e.getValue().asLong()));
    return new ModelSeries(points, errorTypes);
  }

  @Override
  public List<Alert> alerts() {
    return alerts.latest();
  }

  @Override
  public Optional<List<Alert>> alertTimeline(String alertId) {
    return alerts.timeline(alertId);
  }

  @Override
  public List<ReportIndex.Entry> reports(String modelId) {
    if (exporter == null) {
      return List.of();
    }
    return exporter.index().stream()
        .filter(e -> modelId == null || e.modelId().equals(modelId))
        .sorted(Comparator.comparing(ReportIndex.Entry::windowStart).reversed())
        .toList();
  }

  @Override
  public Optional<ModelReport> latestReport(String modelId) {
    return reports.latestReport(modelId);
  }

  @Override
  public Optional<ReferenceProfile> reference(String modelId) {
    return reports.reference(modelId);
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }
}
