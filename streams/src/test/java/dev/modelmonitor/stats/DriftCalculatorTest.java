package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.schema.DatasetDrift;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decision and its edge cases; the statistics' values are in DriftAgainstScipyTest. */
class DriftCalculatorTest {
  private final DriftCalculator calculator = DriftCalculator.withDefaults();

  @Test
  void smallReferencesDecideByKsAndLargeOnesByNormedWasserstein() {
    NumericProfile small = reference(1000);
    NumericProfile large = reference(1001);
    FeatureDrift bySmall = calculator.compare(small, shiftedWindow(small, 3));
    assertThat(bySmall.method()).isEqualTo("ks");
    assertThat(bySmall.score()).isEqualTo(bySmall.statistics().ksPValue());
    assertThat(bySmall.threshold()).isEqualTo(0.05);
    assertThat(bySmall.drifted()).isEqualTo(bySmall.score() < 0.05);
    FeatureDrift byLarge = calculator.compare(large, shiftedWindow(large, 3));
    assertThat(byLarge.method()).isEqualTo("wasserstein_normed");
    assertThat(byLarge.score()).isEqualTo(byLarge.statistics().wassersteinNormed());
    assertThat(byLarge.threshold()).isEqualTo(0.1);
    assertThat(byLarge.drifted()).isTrue();
  }

  private static NumericProfile shiftedWindow(NumericProfile reference, double shift) {
    NumericProfile window = reference.emptyLike();
    for (int i = 0; i < 500; i++) {
      window.update(i % 100 + shift);
    }
    return window;
  }

  @Test
  void perFeatureThresholdsOverrideTheGlobalOnes() {
    DriftCalculator custom = new DriftCalculator(DriftThresholds.defaults().withOverrides(
        Map.of("temp.small_reference_size", 0.0, "temp.wasserstein_normed", 0.5)));
    NumericProfile reference = reference(100);
    NumericProfile window = reference.emptyLike();
    for (int i = 0; i < 100; i++) {
      window.update(i % 100 + 10);
    }
    FeatureDrift temp = custom.compare("temp", reference, window);
    assertThat(temp.method()).isEqualTo("wasserstein_normed");
    assertThat(temp.threshold()).isEqualTo(0.5);
    assertThat(temp.statistics().wassersteinNormed()).isBetween(0.3, 0.4);
    assertThat(temp.drifted()).isFalse();
    assertThat(custom.compare("hum", reference, window).method()).isEqualTo("ks");
  }

  @Test
  void aWindowWithoutValuesOrAReferenceWithoutValuesIsNotComputedWithAReason() {
    NumericProfile reference = reference(10);
    NumericProfile allMissing = reference.emptyLike();
    allMissing.updateMissing();
    FeatureDrift drift = calculator.compare(reference, allMissing);
    assertThat(drift.computed()).isFalse();
    assertThat(drift.notComputedReason()).isEqualTo("the window has no values for this feature");
    assertThat(drift.toAvro()).isEmpty();
    assertThat(calculator.compare(NumericProfile.create(), reference).notComputedReason())
        .isEqualTo("the reference has no values for this feature");
    assertThat(calculator.compare(CategoricalProfile.create(), CategoricalProfile.create())
        .computed()).isFalse();
  }

  @Test
  void aWindowCountedOnOtherEdgesIsRebinnedExactlyFromItsValues() {
    NumericProfile reference = reference(100);
    NumericProfile onOldEdges = NumericProfile.create(new double[] {50});
    NumericProfile onReferenceEdges = reference.emptyLike();
    for (int i = 0; i < 80; i++) {
      onOldEdges.update(i * 1.1);
      onReferenceEdges.update(i * 1.1);
    }
    FeatureDrift rebinned = calculator.compare(reference, onOldEdges);
    FeatureDrift direct = calculator.compare(reference, onReferenceEdges);
    assertThat(rebinned.bins()).isEqualTo(direct.bins());
    assertThat(rebinned.statistics()).isEqualTo(direct.statistics());
    assertThat(rebinned.exact()).isTrue();
  }

  @Test
  void aSketchedWindowOnOtherEdgesIsRebinnedFromItsSketchAndMarkedInexact() {
    NumericProfile reference = reference(100);
    NumericProfile window = NumericProfile.create(new double[] {50});
    Random random = new Random(3);
    for (int i = 0; i < 50_000; i++) {
      window.update(random.nextDouble() * 100);
    }
    FeatureDrift drift = calculator.compare(reference, window);
    assertThat(drift.exact()).isFalse();
    assertThat(drift.bins().current().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(50_000);
    drift.bins().current().forEach(c -> assertThat(c).isBetween(4_000L, 6_000L));
    assertThat(drift.toAvro()).hasValueSatisfying(a -> assertThat(a.getExact()).isFalse());
  }

  @Test
  void aConstantReferenceHasOneEdgeAndInfiniteNormedWassersteinOnceTheWindowMoves() {
    NumericReferenceBuilder builder = new NumericReferenceBuilder();
    for (int i = 0; i < 5000; i++) {
      builder.add(7.0);
    }
    NumericProfile reference = builder.build();
    assertThat(reference.binEdges()).containsExactly(7.0);
    NumericProfile same = reference.emptyLike();
    same.update(7.0);
    NumericProfile moved = reference.emptyLike();
    moved.update(7.0);
    moved.update(8.0);
    FeatureDrift still = calculator.compare(reference, same);
    assertThat(still.statistics().wassersteinNormed()).isZero();
    assertThat(still.drifted()).isFalse();
    FeatureDrift drifted = calculator.compare(reference, moved);
    assertThat(drifted.statistics().wasserstein()).isEqualTo(0.5);
    assertThat(drifted.score()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(drifted.drifted()).isTrue();
  }

  @Test
  void unseenCategoriesFallInOneBinAndAreListedMostFrequentFirst() {
    CategoricalProfile reference = CategoricalProfile.create();
    CategoricalProfile window = CategoricalProfile.create();
    for (String c : List.of("a", "a", "b")) {
      reference.update(c);
    }
    for (String c : List.of("a", "z", "y", "y")) {
      window.update(c);
    }
    FeatureDrift drift = calculator.compare(reference, window);
    assertThat(drift.bins().labels()).containsExactly("a", "b", "(unseen)");
    assertThat(drift.bins().reference()).containsExactly(2L, 1L, 0L);
    assertThat(drift.bins().current()).containsExactly(1L, 0L, 3L);
    assertThat(drift.unseenCategories()).containsExactly("y", "z");
  }

  @Test
  void aReferenceThatFoldedCategoriesSharesItsOtherBinWithUnseenOnes() {
    CategoricalProfile reference = CategoricalProfile.create(1);
    for (String c : List.of("a", "a", "a", "b", "c", "d")) {
      reference.update(c);
    }
    CategoricalProfile window = CategoricalProfile.create();
    for (String c : List.of("a", "d", "e")) {
      window.update(c);
    }
    FeatureDrift drift = calculator.compare(reference, window);
    assertThat(drift.bins().labels()).containsExactly("a", "(other)");
    assertThat(drift.bins().reference()).containsExactly(3L, 3L);
    assertThat(drift.bins().current()).containsExactly(1L, 2L);
  }

  @Test
  void comparingANumericWindowWithACategoricalReferenceIsRefused() {
    assertThatThrownBy(() -> calculator.compare("age", CategoricalProfile.create(),
        NumericProfile.create()))
        .hasMessage("feature age: cannot compare a NUMERIC window with a CATEGORICAL reference");
  }

  @Test
  void datasetDriftsWhenAtLeastTheThresholdShareOfComparedFeaturesDrift() {
    FeatureDrift yes = drift(true);
    FeatureDrift no = drift(false);
    FeatureDrift none = FeatureDrift.notComputed("the window has no values for this feature");
    DatasetDrift half = calculator.datasetDrift(List.of(yes, no, none));
    assertThat(half.getFeatureCount()).isEqualTo(2);
    assertThat(half.getDriftedCount()).isEqualTo(1);
    assertThat(half.getShare()).isEqualTo(0.5);
    assertThat(half.getThreshold()).isEqualTo(0.5);
    assertThat(half.getDrifted()).isTrue();
    assertThat(calculator.datasetDrift(List.of(yes, no, no)).getDrifted()).isFalse();
    DatasetDrift empty = calculator.datasetDrift(List.of(none));
    assertThat(empty.getFeatureCount()).isZero();
    assertThat(empty.getShare()).isZero();
    assertThat(empty.getDrifted()).isFalse();
    DriftCalculator strict = new DriftCalculator(
        DriftThresholds.defaults().withOverrides(Map.of("dataset_drift_share", 0.75)));
    assertThat(strict.datasetDrift(List.of(yes, no)).getDrifted()).isFalse();
  }

  private static FeatureDrift drift(boolean drifted) {
    return new FeatureDrift("ks", drifted ? 0.01 : 0.5, 0.05, drifted,
        new FeatureDrift.Statistics(0.0, 0.0, 0.0, 0.5, 0.0, 0.0, null, null),
        new FeatureDrift.Bins(List.of("(-inf, +inf)"), List.of(1L), List.of(1L)), List.of(),
        true, null);
  }

  /** A reference of n values 0, 1, ..., n - 1 (wrapping at 100 beyond). */
  private static NumericProfile reference(int n) {
    NumericReferenceBuilder builder = new NumericReferenceBuilder();
    for (int i = 0; i < n; i++) {
      builder.add(i % 100);
    }
    return builder.build();
  }
}
