package dev.modelmonitor.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.producer.internal.EventSanitizer;
import dev.modelmonitor.producer.testing.ManualClock;
import dev.modelmonitor.schema.Heartbeat;
import dev.modelmonitor.schema.Instance;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.LifecycleChange;
import dev.modelmonitor.schema.LifecycleState;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ResourceSample;
import dev.modelmonitor.schema.StateEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2025-05-05T12:00:00Z");
  private final JsonEvents events =
      new JsonEvents(new EventSanitizer(5, 20, Set.of(), issue -> {}), new ManualClock(NOW));

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void readsAFullPrediction() throws Exception {
    PredictionEvent event =
        events.prediction(
            json("{'modelId':'churn','modelVersion':'3','timestamp':1746446400000,"
                + "'instance':{'id':'pod-1','pod':'pod-1','namespace':'ml'},'requestId':'r1',"
                + "'features':{'age':41,'income':52000.5,'plan':'pro','vip':true,'zip':null},"
                + "'prediction':'stay','scores':{'stay':0.8,'churn':0.2},'latencyMicros':1200,"
                + "'outcome':'ok'}"));
    Map<String, Object> features = new HashMap<>();
    features.put("age", 41L);
    features.put("income", 52000.5);
    features.put("plan", "pro");
    features.put("vip", true);
    features.put("zip", null);
    assertThat(event)
        .isEqualTo(
            new PredictionEvent(
                "churn", "3", Instant.ofEpochMilli(1746446400000L),
                new Instance("pod-1", null, null, "pod-1", "ml", null, null), "r1", features, "stay",
                Map.of("stay", 0.8, "churn", 0.2), 1200L, Outcome.OK, null, null));
  }

  @Test
  void fillsTimestampRequestIdAndOutcomeWhenAbsentAndReadsIsoTimestamps() throws Exception {
    PredictionEvent minimal = events.prediction(json("{'modelId':'m'}"));
    assertThat(minimal.getTimestamp()).isEqualTo(NOW);
    assertThat(minimal.getRequestId()).hasSize(36);
    assertThat(minimal.getOutcome()).isEqualTo(Outcome.OK);
    assertThat(minimal.getFeatures()).isEmpty();
    assertThat(events.prediction(json("{'modelId':'m','timestamp':'2025-01-31T12:00:00+01:00'}")).getTimestamp())
        .isEqualTo(Instant.parse("2025-01-31T11:00:00Z"));
  }

  @Test
  void rejectsWhatTheSchemaCannotHoldNamingTheField() {
    assertRejected("{'features':{}}", "modelId is required");
    assertRejected("{'modelId':'m','feature':{}}", "unknown field 'feature'; known: error, errorMessage, features, "
        + "instance, latencyMicros, modelId, modelVersion, outcome, prediction, requestId, scores, timestamp");
    assertRejected("{'modelId':'m','features':{'tags':['a']}}",
        "features.tags must be null, a boolean, a number or a string but was an array");
    assertRejected("{'modelId':'m','features':{'a':1,'b':2,'c':3,'d':4,'e':5,'f':6}}", "too many features: 6 > 5");
    assertRejected("{'modelId':'m','timestamp':'yesterday'}",
        "timestamp must be epoch millis or ISO-8601 such as 2025-01-31T12:00:00Z but was 'yesterday'");
    assertRejected("{'modelId':'m','outcome':'MAYBE'}",
        "outcome must be one of [OK, ERROR, TIMEOUT, REJECTED] but was 'MAYBE'");
    assertRejected("{'modelId':'m','latencyMicros':-5}", "latencyMicros must be a whole number of at least 0 but was -5");
    assertRejected("{'modelId':'m','scores':{'a':'high'}}", "scores.a must be a number but was \"high\"");
    assertRejected("{'modelId':'m','instance':{'pod':'p'}}", "instance.id is required when instance is given");
    assertRejected("[1]", "an event must be a JSON object but was array");
  }

  @Test
  void cutsOverlongStrings() throws Exception {
    PredictionEvent event = events.prediction(json("{'modelId':'m','features':{'note':'0123456789abcdefghijXYZ'}}"));
    assertThat(event.getFeatures()).containsEntry("note", "0123456789abcdefghij");
  }

  @Test
  void readsLabelsAndRequiresTheirRequestId() throws Exception {
    assertThat(events.label(json("{'modelId':'m','requestId':'r1','actual':1}")))
        .isEqualTo(new LabelEvent("m", null, NOW, null, "r1", 1L));
    assertThatThrownBy(() -> events.label(json("{'modelId':'m','actual':1}"))).hasMessage("requestId is required");
  }

  @Test
  void readsTheThreeKindsOfStateEvent() throws Exception {
    assertThat(events.state(json("{'modelId':'m','type':'lifecycle','state':'FAILED','reason':'OOM'}")))
        .isEqualTo(new StateEvent("m", null, NOW, null, new LifecycleChange(LifecycleState.FAILED, "OOM")));
    assertThat(events.state(json("{'modelId':'m','type':'heartbeat','sequence':7,'intervalMillis':10000}")).getEvent())
        .isEqualTo(new Heartbeat(7L, 0L, 10000L));
    assertThat(
            events.state(json("{'modelId':'m','type':'resources','cgroupVersion':'v2','cpuCoresUsed':0.5,"
                + "'memoryBytesUsed':1048576,'memoryBytesLimit':null,'restarts':2}")).getEvent())
        .isEqualTo(new ResourceSample("v2", 0.5, null, 1048576L, null, 2));
  }

  @Test
  void rejectsStateEventsWithoutAKnownType() {
    assertThatThrownBy(() -> events.state(json("{'modelId':'m','state':'READY'}")))
        .hasMessage("type must be lifecycle, heartbeat or resources but was missing");
    assertThatThrownBy(() -> events.state(json("{'modelId':'m','type':'lifecycle','state':'ASLEEP'}")))
        .hasMessage("state must be one of [STARTING, LOADING, READY, DEGRADED, FAILED, STOPPED] but was 'ASLEEP'");
    assertThatThrownBy(() -> events.state(json("{'modelId':'m','type':'heartbeat','cpuCoresUsed':1}")))
        .hasMessageStartingWith("unknown field 'cpuCoresUsed'");
  }

  private void assertRejected(String json, String reason) {
    assertThatThrownBy(() -> events.decode(IngestKind.PREDICTIONS, json(json)))
        .isInstanceOf(JsonEvents.Rejected.class)
        .hasMessage(reason);
  }
}
