package dev.modelmonitor.reports;

import static dev.modelmonitor.reports.ReportsDriver.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelmonitor.schema.DeadLetter;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.Finding;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.Performance;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericReferenceBuilder;
import dev.modelmonitor.stats.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTopologyTest {

  // ---------------------------------------------------------------------------------------------
  // Windows, grace, late events

  @Test
  void reportsOnceWhenPredictionTimeReachesWindowEndPlusGraceWithExactCounts() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.send(d.event("m", minutes(0)).feature("x", 1.0).feature("c", "a").latencyMicros(1000)
          .version("v1").prediction(1L));
      d.send(d.event("m", minutes(10)).feature("x", 2.0).feature("c", "b").latencyMicros(3000)
          .version("v1").failed(Outcome.ERROR, "Timeout"));
      d.send(d.event("m", minutes(20)).feature("x", 3.0).feature("c", "a").latencyMicros(2000)
          .version("v2").failed(Outcome.TIMEOUT, "Timeout"));
      d.send(d.event("m", minutes(30)).feature("x", 4L).feature("c", null).latencyMicros(4000)
          .version("v1").prediction(0L));
      d.send(d.event("m", minutes(64)).feature("x", 5.0));
      assertThat(d.reports()).isEmpty();

      d.send(d.event("m", minutes(65)).feature("x", 6.0));
      List<ModelReport> reports = d.reports();
      assertThat(reports).hasSize(1);
      ModelReport r = reports.get(0);
      assertThat(r.getReportId()).isEqualTo("m@2026-11-28T00:00:00Z");
      assertThat(r.getWindowStart()).isEqualTo(minutes(0));
      assertThat(r.getWindowEnd()).isEqualTo(minutes(60));
      assertThat(r.getGeneratedAt()).isEqualTo(ReportsDriver.WALL_CLOCK);
      assertThat(r.getEventCount()).isEqualTo(4);
      assertThat(r.getErrorCount()).isEqualTo(2);
      assertThat(r.getOutcomeCounts()).isEqualTo(Map.of("OK", 2L, "ERROR", 1L, "TIMEOUT", 1L));
      assertThat(r.getErrorTypes()).containsExactly(Map.entry("Timeout", 2L));
      assertThat(r.getModelVersions()).containsExactly("v1", "v2");
      assertThat(r.getLatency().getCount()).isEqualTo(4);
      assertThat(r.getLatency().getMeanMs()).isEqualTo(2.5);
      assertThat(r.getLatency().getP50Ms()).isEqualTo(2.5);
      assertThat(r.getLatency().getP90Ms()).isCloseTo(3.7, within(1e-12));
      assertThat(r.getLatency().getP99Ms()).isCloseTo(3.97, within(1e-12));
      assertThat(r.getLatency().getMaxMs()).isEqualTo(4.0);
      FeatureReport x = feature(r, "x");
      assertThat(x.getCurrent().getCount()).isEqualTo(4);
      assertThat(x.getCurrent().getMean()).isEqualTo(2.5);
      assertThat(x.getMissingRate()).isEqualTo(0.0);
      FeatureReport c = feature(r, "c");
      assertThat(c.getCurrent().getCategories()).isEqualTo(Map.of("a", 2L, "b", 1L));
      assertThat(c.getCurrent().getMissing()).isEqualTo(1);
      assertThat(c.getMissingRate()).isEqualTo(0.25);
      assertThat(r.getPrediction().getCurrent().getCount()).isEqualTo(2);
      assertThat(d.counter(ReportsMetrics.REPORTS)).isEqualTo(1.0);

      // The next window reports when prediction time passes 2 h 5 min; the empty one after it
      // never.
      d.send(d.event("m", minutes(200)).feature("x", 7.0));
      List<ModelReport> later = d.reports();
      assertThat(later).extracting(ModelReport::getWindowStart).containsExactly(minutes(60));
      assertThat(later.get(0).getEventCount()).isEqualTo(2);
      d.send(d.event("m", minutes(400)).feature("x", 7.0));
      assertThat(d.reports()).extracting(ModelReport::getWindowStart)
          .containsExactly(minutes(180));
    }
  }

  @Test
  void doublesSentForACategoricalFeatureAreCountedAsCategories() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.send(d.event("m", minutes(0)).feature("c", "a"));
      d.send(d.event("m", minutes(1)).feature("c", 2.0));
      d.send(d.event("m", minutes(2)).feature("c", 2.5));
      d.send(d.event("m", minutes(65)));
      assertThat(feature(d.reports().get(0), "c").getCurrent().getCategories())
          .isEqualTo(Map.of("a", 1L, "2", 1L, "2.5", 1L));
    }
  }

  @Test
  void anEventInsideGraceCountsAndOneAfterGraceIsDeadLetteredNotReportedAgain() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.send(d.event("m", minutes(10)).feature("x", 1.0));
      d.send(d.event("m", minutes(64)).feature("x", 1.0));
      d.send(d.event("m", minutes(59)).feature("x", 2.0)); // window ended, grace not over
      d.send(d.event("m", minutes(65)).feature("x", 1.0));
      assertThat(d.reports()).extracting(ModelReport::getEventCount).containsExactly(2L);

      ReportsDriver.Event late = d.event("m", minutes(30)).feature("x", 3.0);
      d.send(late);
      List<DeadLetter> letters = d.deadLetters();
      assertThat(letters).hasSize(1);
      DeadLetter letter = letters.get(0);
      assertThat(letter.getReason()).isEqualTo("LATE");
      assertThat(letter.getComponent()).isEqualTo("reports");
      assertThat(letter.getSourceTopic()).isEqualTo("mm.predictions");
      assertThat(letter.getSourceOffset()).isEqualTo(4L);
      assertThat(letter.getMessage()).isEqualTo("event time 2026-11-28T00:30:00Z is in window "
          + "[2026-11-28T00:00:00Z, 2026-11-28T01:00:00Z), closed to events at "
          + "2026-11-28T01:05:00Z (grace PT5M); the task's prediction time is "
          + "2026-11-28T01:05:00Z");
      PredictionEvent original = d.topics.predictions().valueSerde().deserializer()
          .deserialize("mm.predictions", letter.getValue().array());
      assertThat(original.getRequestId()).isEqualTo(late.requestId);
      assertThat(d.counter(ReportsMetrics.LATE)).isEqualTo(1.0);
      assertThat(d.counter(ReportsMetrics.DLQ, "reason", "LATE")).isEqualTo(1.0);

      d.send(d.event("m", minutes(500)).feature("x", 1.0));
      assertThat(d.reports()).extracting(ModelReport::getWindowStart)
          .containsExactly(minutes(60));
    }
  }

  @Test
  void windowsWithoutEventsGetNoReportAndModelsReportSeparately() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.send(d.event("a", minutes(5)).feature("x", 1.0));
      d.send(d.event("b", minutes(6)).feature("x", 1.0));
      d.send(d.event("b", minutes(7)).feature("x", 1.0));
      d.send(d.event("a", minutes(250)).feature("x", 1.0));
      assertThat(d.reports()).extracting(ModelReport::getModelId, ModelReport::getEventCount)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1L),
              org.assertj.core.groups.Tuple.tuple("b", 2L));
    }
  }

  @Test
  void predictionsAndLabelsDatedFarAheadOfTheClockAreDeadLetteredAndCloseNoWindow() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.send(d.event("m", minutes(10)).feature("x", 1.0));
      // One millisecond more than reports.future-tolerance (1 h) ahead of the wall clock.
      Instant ahead = ReportsDriver.WALL_CLOCK.plus(Duration.ofHours(1)).plusMillis(1);
      ReportsDriver.Event wrong = d.event("m", ahead).feature("x", 2.0);
      d.send(wrong);
      d.label("m", "r1", "cat", ahead);
      d.send(d.event("m", minutes(20)).feature("x", 3.0)); // not late: no window closed
      d.send(d.event("m", minutes(65)));

      assertThat(d.reports()).extracting(ModelReport::getWindowStart, ModelReport::getEventCount)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(minutes(0), 2L));
      List<DeadLetter> letters = d.deadLetters();
      assertThat(letters).extracting(DeadLetter::getReason, DeadLetter::getSourceTopic)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("FUTURE", "mm.predictions"),
              org.assertj.core.groups.Tuple.tuple("FUTURE", "mm.labels"));
      assertThat(letters.get(0).getMessage()).isEqualTo("event time 2026-11-29T13:00:00.001Z is "
          + "PT1H0.001S ahead of this instance's clock (2026-11-29T12:00:00Z), more than "
          + "reports.future-tolerance (PT1H) allows: fix the producer's clock or timestamp unit, "
          + "or raise reports.future-tolerance");
      PredictionEvent original = d.topics.predictions().valueSerde().deserializer()
          .deserialize("mm.predictions", letters.get(0).getValue().array());
      assertThat(original.getRequestId()).isEqualTo(wrong.requestId);
      LabelEvent label = d.topics.labels().valueSerde().deserializer()
          .deserialize("mm.labels", letters.get(1).getValue().array());
      assertThat(label.getRequestId()).isEqualTo("r1");
      assertThat(d.counter(ReportsMetrics.DLQ, "reason", "FUTURE", "topic", "mm.predictions"))
          .isEqualTo(1.0);
      assertThat(d.counter(ReportsMetrics.DLQ, "reason", "FUTURE", "topic", "mm.labels"))
          .isEqualTo(1.0);

      // Exactly the tolerance ahead still counts (and closes the windows before it).
      d.send(d.event("m", ReportsDriver.WALL_CLOCK.plus(Duration.ofHours(1))));
      assertThat(d.deadLetters()).isEmpty();
      assertThat(d.reports()).extracting(ModelReport::getWindowStart)
          .containsExactly(minutes(60));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Labels

  @Test
  void labelsJoinByRequestIdWithinTheDelayInEitherOrderAndTheReportWaitsForThem() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.reference(classifierReference("m"), minutes(0));
      String r1 = predict(d, 10, "cat");
      d.label("m", r1, "cat", minutes(12));
      String r2 = predict(d, 20, "dog");
      d.label("m", r2, "cat", minutes(25));
      String r3 = predict(d, 30, "cat");
      d.label("m", r3, "cat", minutes(45)); // 15 min after its prediction: too late to join
      String r4 = predict(d, 50, "dog");
      ReportsDriver.Event e5 = d.event("m", minutes(55)).feature("x", 1.0).prediction("dog");
      d.label("m", e5.requestId, "dog", minutes(52)); // before its prediction
      d.send(e5);
      d.label("m", r4, "dog", minutes(58));
      String r6 = predict(d, 59, "cat");

      d.send(d.event("m", minutes(74)).feature("x", 1.0));
      assertThat(d.reports()).as("waits for windowEnd + grace + label delay").isEmpty();
      d.send(d.event("m", minutes(75)).feature("x", 1.0));
      assertThat(d.reports()).as("and for labels, whose time is still 58 min").isEmpty();
      d.labelsGoQuiet();
      List<ModelReport> reports = d.reports();
      assertThat(reports).hasSize(1);
      Performance p = reports.get(0).getPerformance();
      assertThat(p.getTaskType()).isEqualTo(TaskType.CLASSIFICATION);
      assertThat(p.getLabeledCount()).isEqualTo(4);
      assertThat(p.getConfusion().getLabels()).containsExactly("cat", "dog");
      assertThat(p.getConfusion().getCounts()).containsExactly(List.of(1L, 1L), List.of(0L, 2L));
      assertThat(p.getAccuracy()).isEqualTo(0.75);
      assertThat(p.getPrecisionMacro()).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-15));
      assertThat(p.getRecallMacro()).isEqualTo(0.75);
      assertThat(p.getF1Macro()).isCloseTo((2.0 / 3 + 0.8) / 2, within(1e-15));
      assertThat(p.getMae()).isNull();

      // A label within the delay of its prediction, arriving after the window reported.
      d.label("m", r6, "cat", minutes(65));
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "joined")).isEqualTo(4.0);
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "waiting")).isEqualTo(2.0);
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "window_closed")).isEqualTo(1.0);
    }
  }

  @Test
  void labelsDoNotMoveTimeSoLabelsProcessedAheadOfTheirPredictionsMakeNoneLate() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.reference(classifierReference("m"), minutes(0));
      String r1 = predict(d, 10, "cat");
      // Labels of later hours first, as when their producer batch reached the broker first.
      ReportsDriver.Event e2 = d.event("m", minutes(20)).feature("x", 1.0).prediction("dog");
      d.label("m", e2.requestId, "dog", minutes(25));
      d.label("m", "r-of-a-later-hour", "cat", minutes(180));
      d.send(e2);
      d.label("m", r1, "cat", minutes(12));
      d.send(d.event("m", minutes(74)).feature("x", 1.0));
      assertThat(d.reports()).as("emits at windowEnd + grace + label delay").isEmpty();

      d.send(d.event("m", minutes(75)).feature("x", 1.0));
      assertThat(d.deadLetters()).isEmpty();
      List<ModelReport> reports = d.reports();
      assertThat(reports).extracting(ModelReport::getEventCount).containsExactly(2L);
      assertThat(reports.get(0).getPerformance().getLabeledCount()).isEqualTo(2);
      assertThat(reports.get(0).getPerformance().getAccuracy()).isEqualTo(1.0);
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "joined")).isEqualTo(2.0);
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "waiting")).isEqualTo(2.0);
    }
  }

  @Test
  void aWindowDueByPredictionTimeWaitsForLabelsThatLagBehindAndJoinsThem() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.reference(classifierReference("m"), minutes(0));
      String r1 = predict(d, 10, "cat");
      String r2 = predict(d, 20, "dog");
      // Predictions read ahead of the labels, as when Kafka Streams does not wait for one input.
      predict(d, 80, "cat");
      assertThat(d.reports()).as("due by prediction time, not by label time").isEmpty();
      d.label("m", r1, "cat", minutes(12));
      d.label("m", r2, "cat", minutes(22));
      assertThat(d.reports()).as("label time 22 min, the window's emit time 75 min").isEmpty();

      d.label("m", "r-of-a-later-window", "dog", minutes(75));
      List<ModelReport> reports = d.reports();
      assertThat(reports).extracting(ModelReport::getEventCount).containsExactly(2L);
      assertThat(reports.get(0).getPerformance().getLabeledCount()).isEqualTo(2);
      assertThat(reports.get(0).getPerformance().getAccuracy()).isEqualTo(0.5);
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "joined")).isEqualTo(2.0);
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "window_closed")).isEqualTo(0.0);
    }
  }

  @Test
  void labelsReadDaysAheadOfTheirPredictionsStillJoin() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.reference(classifierReference("m"), minutes(0));
      ReportsDriver.Event e = d.event("m", minutes(10)).feature("x", 1.0).prediction("cat");
      d.label("m", e.requestId, "cat", minutes(10));
      // A day and a half of labels read before the predictions of the same hours.
      d.label("m", "r-of-a-later-day", "dog", ReportsDriver.T0.plus(Duration.ofHours(36)));
      d.send(e);
      d.send(d.event("m", minutes(75)).feature("x", 1.0));

      assertThat(d.reports().get(0).getPerformance().getLabeledCount()).isEqualTo(1);
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "joined")).isEqualTo(1.0);
      assertThat(d.waiting(ReportStores.PENDING_LABELS)).containsExactly("r-of-a-later-day");
    }
  }

  @Test
  void whatWaitsForAPartnerThatCanNoLongerJoinExpires() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.reference(classifierReference("m"), minutes(0));
      d.label("m", "r-without-prediction", "cat", minutes(10));
      String r20 = predict(d, 20, "dog"); // never labelled
      assertThat(d.waiting(ReportStores.PENDING_LABELS)).containsExactly("r-without-prediction");
      assertThat(d.waiting(ReportStores.PENDING_PREDICTIONS)).containsExactly(r20);

      // A label waits until prediction time is more than window + grace + delay (75 min) past
      // it: every prediction within the delay of it is late by then.
      String r85 = predict(d, 85, "cat");
      d.labelsGoQuiet();
      assertThat(d.waiting(ReportStores.PENDING_LABELS)).containsExactly("r-without-prediction");
      String r86 = predict(d, 86, "cat");
      d.labelsGoQuiet();
      assertThat(d.waiting(ReportStores.PENDING_LABELS)).isEmpty();
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "expired")).isEqualTo(1.0);

      // A prediction waits as long, by the earlier of prediction time and label time (here
      // labels are quiet): its window has reported by then.
      String r95 = predict(d, 95, "cat");
      d.labelsGoQuiet();
      assertThat(d.waiting(ReportStores.PENDING_PREDICTIONS))
          .containsExactlyInAnyOrder(r20, r85, r86, r95);
      String r96 = predict(d, 96, "cat");
      d.labelsGoQuiet();
      assertThat(d.waiting(ReportStores.PENDING_PREDICTIONS))
          .containsExactlyInAnyOrder(r85, r86, r95, r96);
    }
  }

  @Test
  void regressionPerformanceIsExact() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      ReferenceProfile reference = ReferenceProfile.newBuilder(classifierReference("m"))
          .setTaskType(TaskType.REGRESSION).build();
      d.reference(reference, minutes(0));
      double[][] pairs = {{10, 12}, {5, 4}, {0, 0}, {3, -1}};
      for (int i = 0; i < pairs.length; i++) {
        ReportsDriver.Event e = d.event("m", minutes(10 + i)).feature("x", 1.0)
            .prediction(pairs[i][0]);
        d.send(e);
        d.label("m", e.requestId, pairs[i][1], minutes(11 + i));
      }
      d.send(d.event("m", minutes(75)));
      d.labelsGoQuiet();
      Performance p = d.reports().get(0).getPerformance();
      assertThat(p.getTaskType()).isEqualTo(TaskType.REGRESSION);
      assertThat(p.getLabeledCount()).isEqualTo(4);
      assertThat(p.getMae()).isEqualTo(1.75);
      assertThat(p.getRmse()).isEqualTo(Math.sqrt(5.25));
      assertThat(p.getBias()).isEqualTo(0.75);
      assertThat(p.getMape()).isCloseTo((2.0 / 12 + 1.0 / 4 + 4.0) / 3, within(1e-15));
      assertThat(p.getAccuracy()).isNull();
    }
  }

  @Test
  void withoutWaitingForLabelsTheReportComesAtWindowEndPlusGraceAndSaysPerformanceIsPartial() {
    ReportsSettings settings =
        ReportsDriver.settings().with(ReportsSettings.WAIT_FOR_LABELS, false);
    try (ReportsDriver d = new ReportsDriver(settings)) {
      d.reference(classifierReference("m"), minutes(0));
      String r1 = predict(d, 10, "cat");
      d.label("m", r1, "dog", minutes(11));
      d.send(d.event("m", minutes(65)));
      ModelReport r = d.reports().get(0);
      assertThat(r.getPerformance().getLabeledCount()).isEqualTo(1);
      assertThat(r.getPerformance().getAccuracy()).isEqualTo(0.0);
      assertThat(r.getFindings()).extracting(Finding::getKind).contains("performance_partial");
    }
  }

  @Test
  void aModelWithoutLabelsInItsReferenceJoinsOnceItHasSentALabel() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      String r1 = predict(d, 1, "cat"); // not kept: the model has never sent a label
      d.label("m", r1, "cat", minutes(2));
      String r2 = predict(d, 3, "dog");
      d.label("m", r2, "dog", minutes(4));
      d.send(d.event("m", minutes(65))); // reports without waiting: labels were not expected
      ModelReport r = d.reports().get(0);
      assertThat(r.getPerformance().getTaskType()).isEqualTo(TaskType.CLASSIFICATION);
      assertThat(r.getPerformance().getLabeledCount()).isEqualTo(1);
      assertThat(d.counter(ReportsMetrics.LABELS, "result", "waiting")).isEqualTo(1.0);
    }
  }

  @Test
  void withLabelJoinNeverTheLabelsTopicIsNotReadAndReportsDoNotWaitForLabels() {
    ReportsSettings settings = ReportsDriver.settings().with(ReportsSettings.LABEL_JOIN, "never");
    try (ReportsDriver d = new ReportsDriver(settings)) {
      assertThat(d.sourceTopics()).containsExactly(d.topics.names().predictions());
      d.reference(classifierReference("m"), minutes(0)); // it has labels: auto would join them
      predict(d, 10, "cat");
      d.send(d.event("m", minutes(65))); // windowEnd + grace: no wait for the label delay
      ModelReport r = d.reports().get(0);
      assertThat(r.getEventCount()).isEqualTo(1);
      assertThat(r.getPerformance()).as("never: reports carry no performance").isNull();
    }
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      assertThat(d.sourceTopics()).containsExactlyInAnyOrder(d.topics.names().predictions(),
          d.topics.names().labels());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reference

  @Test
  void aNewReferenceAppliesToWindowsThatCloseAfterItArrives() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      ReferenceProfile v1 = numericReference("m", Instant.parse("2026-01-01T00:00:00Z"), 1, 10);
      ReferenceProfile v2 = numericReference("m", Instant.parse("2026-02-01T00:00:00Z"), 11, 20);
      d.reference(v1, minutes(0));
      d.send(d.event("m", minutes(10)).feature("x", 5.0));
      d.send(d.event("m", minutes(70)).feature("x", 12.0)); // opens window 2 under v1
      d.send(d.event("m", minutes(71)).feature("x", 15.0));
      d.send(d.event("m", minutes(72)).feature("x", 30.0));
      ModelReport first = d.reports().get(0);
      assertThat(first.getReferenceCreatedAt()).isEqualTo(v1.getCreatedAt());
      assertThat(feature(first, "x").getCurrent().getBinEdges())
          .isEqualTo(v1.getFeatures().get(0).getBinEdges());

      d.reference(v2, minutes(80));
      d.send(d.event("m", minutes(125)).feature("x", 1.0));
      ModelReport second = d.reports().get(0);
      assertThat(second.getWindowStart()).isEqualTo(minutes(60));
      assertThat(second.getHasReference()).isTrue();
      assertThat(second.getReferenceSource()).isEqualTo(v2.getSource());
      assertThat(second.getReferenceCreatedAt()).isEqualTo(v2.getCreatedAt());
      FeatureReport x = feature(second, "x");
      assertThat(x.getCurrent().getBinEdges()).isEqualTo(v2.getFeatures().get(0).getBinEdges());
      assertThat(x.getCurrent().getBinCounts())
          .containsExactly(0L, 1L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 1L);
      assertThat(x.getDrift().getExact()).isTrue();
      assertThat(x.getOutOfRangeShare()).isEqualTo(1.0 / 3);
    }
  }

  @Test
  void aModelWithoutReferenceGetsAProfileOnlyReportWithAFindingSayingSo() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.send(d.event("m", minutes(1)).feature("x", 1.0).feature("flag", true));
      d.send(d.event("m", minutes(65)));
      ModelReport r = d.reports().get(0);
      assertThat(r.getHasReference()).isFalse();
      assertThat(r.getDatasetDrift()).isNull();
      assertThat(r.getFeatures()).allSatisfy(f -> assertThat(f.getDrift()).isNull());
      assertThat(feature(r, "flag").getCurrent().getCategories())
          .containsExactly(Map.entry("true", 1L));
      assertThat(r.getFindings()).extracting(Finding::getKind, Finding::getMessage)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("no_reference",
              "No reference profile for model m: the report has profiles but no drift; publish "
                  + "one with 'model-monitor reference publish'."));
    }
  }

  @Test
  void dataQualityFindingsAgainstTheReference() {
    ReportsSettings settings = ReportsDriver.settings()
        .with(ReportsSettings.MISSING_RATE_JUMP, 0.2);
    try (ReportsDriver d = new ReportsDriver(settings)) {
      NumericReferenceBuilder x = new NumericReferenceBuilder();
      NumericReferenceBuilder z = new NumericReferenceBuilder();
      CategoricalProfile c = CategoricalProfile.create();
      for (int i = 0; i < 100; i++) {
        x.add(i);
        z.add(i);
        c.update(i % 2 == 0 ? "a" : "b");
      }
      Map<String, Profile> features = new LinkedHashMap<>();
      features.put("x", x.build());
      features.put("c", c);
      features.put("z", z.build());
      d.reference(ReportsDriver.reference("m", minutes(0), features, null, null), minutes(0));
      Object[] xs = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 150.0, -5.0, "oops"};
      String[] cs = {"a", "a", "a", "a", "a", "b", "b", "d", "d", "e"};
      for (int i = 0; i < 10; i++) {
        ReportsDriver.Event e = d.event("m", minutes(i)).feature("x", xs[i]).feature("c", cs[i]);
        if (i < 5) {
          e.feature("z", (double) i);
        }
        d.send(e);
      }
      d.send(d.event("m", minutes(65)));
      ModelReport r = d.reports().get(0);
      assertThat(r.getFindings()).extracting(Finding::getKind, Finding::getFeature,
              Finding::getValue)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("out_of_range", "x", 2.0 / 9),
              org.assertj.core.groups.Tuple.tuple("type_mismatch", "x", 0.1),
              org.assertj.core.groups.Tuple.tuple("unseen_categories", "c", 0.3),
              org.assertj.core.groups.Tuple.tuple("missing_rate_jump", "z", 0.5),
              org.assertj.core.groups.Tuple.tuple("few_events", null, 10.0));
      Finding unseen = r.getFindings().stream().filter(f -> f.getKind().equals(
          "unseen_categories")).findFirst().orElseThrow();
      assertThat(unseen.getMessage()).isEqualTo(
          "Feature c has 2 categories the reference does not (30.0% of values): d, e.");
      assertThat(feature(r, "c").getUnseenCategories()).containsExactly("d", "e");
      assertThat(feature(r, "x").getCurrent().getTypeMismatches()).isEqualTo(1);
      assertThat(feature(r, "x").getMissingRate()).isEqualTo(0.1);
      assertThat(feature(r, "z").getReferenceMissingRate()).isEqualTo(0.0);
      assertThat(r.getDatasetDrift().getFeatureCount()).isEqualTo(3);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bad input, state, queries

  @Test
  void aWindowWithFewerEventsThanFewEventsSaysItsDriftSaysLittle() {
    for (int fewEvents : new int[] {30, 0}) {
      ReportsSettings settings = ReportsDriver.settings()
          .with(ReportsSettings.FEW_EVENTS, fewEvents);
      try (ReportsDriver d = new ReportsDriver(settings)) {
        d.reference(numericReference("m", minutes(0), 0, 9), minutes(0));
        d.send(d.event("m", minutes(1)).feature("x", 3.0));
        d.send(d.event("m", minutes(65)));
        List<Finding> findings = d.reports().get(0).getFindings();
        if (fewEvents == 0) {
          assertThat(findings).as("0 turns it off").isEmpty();
        } else {
          assertThat(findings).extracting(Finding::getKind, Finding::getValue, Finding::getMessage)
              .containsExactly(org.assertj.core.groups.Tuple.tuple("few_events", 1.0, "Only 1 "
                  + "event in this window: drift statistics over fewer than 30 values are mostly "
                  + "noise. For replayed history, widen reports.window so that each window holds "
                  + "enough events."));
        }
      }
    }
  }

  @Test
  void undecodableAndMiskeyedRecordsGoToTheDeadLetterTopicAndProcessingGoesOn() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.rawPredictions.pipeInput("m", "{\"not\":\"avro\"}".getBytes(), minutes(1));
      ReportsDriver.Event miskeyed = d.event("other", minutes(2)).feature("x", 1.0);
      d.rawPredictions.pipeInput("m", d.topics.predictions().valueSerde().serializer()
          .serialize("mm.predictions", miskeyed.build()), minutes(2));
      d.send(d.event("m", minutes(3)).feature("x", 1.0));
      d.send(d.event("m", minutes(65)));
      assertThat(d.deadLetters()).extracting(DeadLetter::getReason, DeadLetter::getMessage)
          .satisfiesExactly(
              l -> assertThat(l.toList().get(0)).isEqualTo("DESERIALIZATION"),
              l -> assertThat(l.toList()).containsExactly("VALIDATION",
                  "key 'm' is not the modelId 'other' (events are keyed by modelId)"));
      assertThat(d.reports()).extracting(ModelReport::getEventCount).containsExactly(1L);
      assertThat(d.counter(ReportsMetrics.DLQ, "reason", "DESERIALIZATION")).isEqualTo(1.0);
      assertThat(d.counter(ReportsMetrics.DLQ, "reason", "VALIDATION")).isEqualTo(1.0);
    }
  }

  @Test
  void reportsAreTheSameWhenWindowsAreReadBackFromFoldsAndTheJournal() {
    ReportsSettings cached = ReportsDriver.settings();
    ReportsSettings stored = cached.with(ReportsSettings.CACHED_WINDOWS, 1)
        .with(ReportsSettings.FOLD_EVENTS, 3);
    assertThat(run(stored)).isEqualTo(run(cached));
  }

  private static List<ModelReport> run(ReportsSettings settings) {
    try (ReportsDriver d = new ReportsDriver(settings)) {
      d.reference(classifierReference("a"), minutes(0));
      for (int i = 0; i < 40; i++) {
        String model = i % 3 == 0 ? "b" : "a";
        ReportsDriver.Event e = d.event(model, minutes(i)).feature("x", (double) (i % 7))
            .feature("c", "k" + (i % 4)).latencyMicros(1000L * i)
            .prediction(i % 2 == 0 ? "cat" : "dog");
        if (i % 5 == 0) {
          e.feature("new" + i, (long) i);
        }
        d.send(e);
        d.label(model, e.requestId, i % 3 == 0 ? "cat" : "dog", minutes(i));
      }
      d.send(d.event("a", minutes(300)));
      d.labelsGoQuiet();
      List<ModelReport> reports = d.reports();
      assertThat(reports).extracting(ModelReport::getModelId).containsExactlyInAnyOrder("a", "b");
      assertThat(reports).extracting(ModelReport::getEventCount)
          .containsExactlyInAnyOrder(26L, 14L);
      return reports;
    }
  }

  @Test
  void theLatestReportPerModelIsQueryable() {
    try (ReportsDriver d = new ReportsDriver(ReportsDriver.settings())) {
      d.send(d.event("m", minutes(1)).feature("x", 1.0));
      d.send(d.event("m", minutes(61)).feature("x", 1.0));
      d.send(d.event("m", minutes(200)).feature("x", 1.0));
      List<ModelReport> reports = d.reports();
      assertThat(reports).hasSize(2);
      assertThat(d.latest().get("m")).isEqualTo(reports.get(1));
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static String predict(ReportsDriver d, long minute, String prediction) {
    ReportsDriver.Event e = d.event("m", minutes(minute)).feature("x", 1.0)
        .prediction(prediction);
    d.send(e);
    return e.requestId;
  }

  private static ReferenceProfile classifierReference(String model) {
    NumericReferenceBuilder x = new NumericReferenceBuilder();
    CategoricalProfile prediction = CategoricalProfile.create();
    CategoricalProfile label = CategoricalProfile.create();
    for (int i = 0; i < 20; i++) {
      x.add(i % 5);
      prediction.update(i % 2 == 0 ? "cat" : "dog");
      label.update(i % 3 == 0 ? "cat" : "dog");
    }
    Map<String, Profile> features = new LinkedHashMap<>();
    features.put("x", x.build());
    return ReportsDriver.reference(model, minutes(0), features, prediction, label);
  }

  private static ReferenceProfile numericReference(String model, Instant createdAt, int from,
      int to) {
    NumericReferenceBuilder x = new NumericReferenceBuilder();
    for (int v = from; v <= to; v++) {
      x.add(v);
    }
    return ReportsDriver.reference(model, createdAt, Map.of("x", x.build()), null, null);
  }

  private static FeatureReport feature(ModelReport report, String name) {
    return report.getFeatures().stream().filter(f -> f.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no feature " + name + " in " + report));
  }
}
