package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleParams;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.schema.AlertStatus;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.topic.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates the rules in force for the models of one stream task: on every event of a model
 * (its rules only) and every evaluation interval on the wall clock (all its models: silence,
 * {@code for} durations that complete, resolution when traffic stops, rule and reference
 * changes). Emits an {@link Alert} on each episode transition: FIRING once when a condition has
 * held for the rule's {@code for}, RESOLVED once when it clears.
 *
 * <p>The models' working state lives in memory and is written to the {@link
 * AlertStores#MODEL_STATE} store every checkpoint interval, and at once on each transition so an
 * alert never fires twice for one episode after a restart.
 */
final class AlertEvaluator implements Processor<String, SpecificRecord, String, Alert> {
  static final String EMITTED_METRIC = "modelmonitor.alerts.emitted";

  private final AlertsSettings settings;
  private final DriftMeter drift;
  private final MeterRegistry meters;
  private final RuleBook rules;
  private final ReferenceBook references;
  private final MetricComputer metrics;
  private final AlertFactory factory;
  private final Map<String, ModelState> models = new LinkedHashMap<>();
  private final Map<String, Counter> emitted = new HashMap<>();
  private ProcessorContext<String, Alert> context;
  private ModelStateStore states;
  private KeyValueStore<String, byte[]> ruleStore;
  private KeyValueStore<String, byte[]> referenceStore;

  AlertEvaluator(
      AlertsSettings settings,
      Topic<AlertRule> rulesTopic,
      Topic<ReferenceProfile> referenceTopic,
      DriftMeter drift,
      MeterRegistry meters) {
    this.settings = settings;
    this.drift = drift;
    this.meters = meters;
    this.rules = new RuleBook(rulesTopic);
    this.references = new ReferenceBook(referenceTopic, drift);
    this.metrics = new MetricComputer(settings);
    this.factory = new AlertFactory(settings.uiBaseUrl());
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.states = new ModelStateStore(context.getStateStore(AlertStores.MODEL_STATE), drift);
    this.ruleStore = context.getStateStore(AlertStores.RULES);
    this.referenceStore = context.getStateStore(AlertStores.REFERENCES);
    models.putAll(states.loadAll());
    long alive = states.lastAlive();
    long wall = context.currentSystemTimeMs();
    if (alive > 0) {
      models.values().forEach(m -> m.resume(wall - alive));
    }
    rules.refresh(ruleStore);
    context.schedule(settings.evaluationInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    context.schedule(settings.checkpointInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkpoint);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    long wall = context.currentSystemTimeMs();
    String modelId = record.key();
    ModelState m = models.get(modelId);
    if (m == null) {
      m = new ModelState(modelId);
      models.put(modelId, m);
    }
    plan(m, wall);
    DriftMeter.Reference reference = references.get(modelId, referenceStore);
    if (record.value() instanceof PredictionEvent p) {
      m.observe(p, record.timestamp(), wall, reference, settings.maxFeatures());
    } else if (record.value() instanceof StateEvent s) {
      m.observe(s, record.timestamp(), wall);
    }
    evaluate(m, wall);
  }

  /** Wall-clock evaluation of every model of the task. */
  private void tick(long wall) {
    rules.refresh(ruleStore);
    for (Iterator<ModelState> it = models.values().iterator(); it.hasNext(); ) {
      ModelState m = it.next();
      if (m.lastEventWall >= 0 && wall - m.lastEventWall > settings.modelExpiry().toMillis()) {
        forget(m, wall);
        it.remove();
        continue;
      }
      if (references.refresh(m.modelId, referenceStore)) {
        // A new reference starts drift afresh: window profiles were binned like the old one.
        for (WindowRing ring : m.rings.values()) {
          ring.forEachBucket(b -> {
            b.samples.clear();
            b.dirty = true;
          });
        }
        m.cache.clear();
      }
      m.expireInstances(wall, settings.instanceExpiry().toMillis());
      plan(m, wall);
      // A busy model was just evaluated on its own events; one with a pending episode may
      // complete its 'for' between them.
      if (wall - m.lastEvaluatedWall >= settings.evaluationInterval().toMillis() || hasPending(m)) {
        evaluate(m, wall);
      }
    }
  }

  private void checkpoint(long wall) {
    for (ModelState m : models.values()) {
      states.checkpoint(m);
    }
    states.markAlive(wall);
  }

  /** Persists an alert transition at once, so a restart never fires an episode twice. */
  private void save(ModelState m) {
    states.saveHead(m);
  }

  /** Matches the model's tracking to the rules in force; resolves episodes of rules gone. */
  private void plan(ModelState m, long wall) {
    if (m.plannedFor == rules.version()) {
      return;
    }
    List<Rule> applicable = rules.forModel(m.modelId);
    m.apply(TrackingPlan.of(applicable, settings), settings.maxFeatures(), rules.version());
    Map<String, String> current = new HashMap<>();
    for (Rule rule : applicable) {
      current.put(alertId(rule, m), rule.id());
    }
    boolean resolved = false;
    for (Iterator<Episode> it = m.episodes.values().iterator(); it.hasNext(); ) {
      Episode e = it.next();
      if (!e.ruleId.equals(current.get(e.alertId))) {
        it.remove();
        if (e.firing) {
          emit(factory.orphanResolved(m, e, "rule " + e.ruleId
              + " was deleted, disabled or changed its model or labels", m.now(wall), wall), wall);
          resolved = true;
        }
      }
    }
    if (resolved) {
      save(m);
    }
  }

  private static String alertId(Rule rule, ModelState m) {
    return m.alertIds.computeIfAbsent(rule.id(), id -> AlertIds.of(id, m.modelId, rule.labels()));
  }

  private static boolean hasPending(ModelState m) {
    for (Episode e : m.episodes.values()) {
      if (!e.firing) {
        return true;
      }
    }
    return false;
  }

  private void evaluate(ModelState m, long wall) {
    m.lastEvaluatedWall = wall;
    long now = m.now(wall);
    DriftMeter.Reference reference = references.get(m.modelId, referenceStore);
    boolean transition = false;
    for (Rule rule : rules.forModel(m.modelId)) {
      Observation o = metrics.observe(rule, m, reference, now, wall);
      if (!o.present() && "keep".equals(rule.param(RuleParams.NO_DATA, "resolve"))) {
        continue;
      }
      boolean holds = o.present() && holds(rule, o);
      String alertId = alertId(rule, m);
      Episode episode = m.episodes.get(alertId);
      if (holds) {
        if (episode == null) {
          episode = new Episode(alertId, rule.id(), now);
          m.episodes.put(alertId, episode);
          m.dirty = true;
        }
        if (!episode.firing && now - episode.pendingSince >= rule.forDuration().toMillis()) {
          episode.fired(now, rule, factory.summary(rule, m, o, AlertStatus.FIRING), AlertFactory.labels(rule, m.modelId));
          emit(factory.alert(rule, m, episode, o, AlertStatus.FIRING,
              metrics.evidence(rule, m, reference, now, wall), null, wall), wall);
          transition = true;
        }
      } else if (episode != null) {
        m.episodes.remove(alertId);
        m.dirty = true;
        if (episode.firing) {
          emit(factory.alert(rule, m, episode, o, AlertStatus.RESOLVED,
              metrics.evidence(rule, m, reference, now, wall), now, wall), wall);
          transition = true;
        }
      }
    }
    if (transition) {
      save(m);
    }
  }

  private static boolean holds(Rule rule, Observation o) {
    if (o.text() != null) {
      return rule.op().test(o.text(), rule.values());
    }
    return rule.threshold() != null && rule.op().test(o.value(), rule.threshold());
  }

  /** Resolves the firing alerts of a model not heard from for the model expiry, and drops its state. */
  private void forget(ModelState m, long wall) {
    for (Episode e : new ArrayList<>(m.episodes.values())) {
      if (e.firing) {
        emit(factory.orphanResolved(m, e, "model " + m.modelId + " was not heard from for "
            + dev.modelmonitor.streams.Durations.format(settings.modelExpiry()) + " and is forgotten",
            m.now(wall), wall), wall);
      }
    }
    states.delete(m);
    references.forget(m.modelId);
  }

  private void emit(Alert alert, long wall) {
    context.forward(new Record<>(alert.getModelId(), alert, wall));
    emitted
        .computeIfAbsent(alert.getStatus() + "/" + alert.getSeverity(), k ->
            Counter.builder(EMITTED_METRIC)
                .description("Alert transitions emitted")
                .tag("status", alert.getStatus().name())
                .tag("severity", alert.getSeverity())
                .register(meters))
        .increment();
  }
}
