package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PreparedReferenceTest {
  private final DriftCalculator calculator = DriftCalculator.withDefaults();

  private static NumericProfile reference(int n, long seed) {
    NumericReferenceBuilder builder = new NumericReferenceBuilder();
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      builder.add(random.nextGaussian());
    }
    return builder.build();
  }

  private static NumericProfile window(NumericProfile reference, int n, double shift,
      int valueLimit) {
    NumericProfile window = NumericProfile.create(reference.binEdges(), 200, valueLimit);
    Random random = new Random(7);
    for (int i = 0; i < n; i++) {
      window.update(random.nextGaussian() + shift);
    }
    return window;
  }

  @Test
  void aPreparedReferenceGivesTheSameDriftAsTheBareProfileForExactAndSketchedWindows() {
    NumericProfile reference = reference(1000, 1);
    PreparedReference prepared = PreparedReference.of(reference);
    NumericProfile exact = window(reference, 300, 0.2, 1000);
    NumericProfile sketched = window(reference, 20_000, 0.2, 64);
    assertThat(exact.keepsValues()).isTrue();
    assertThat(sketched.keepsValues()).isFalse();

    for (NumericProfile window : new NumericProfile[] {exact, sketched}) {
      FeatureDrift bare = calculator.compare("f", reference, window);
      FeatureDrift fromPrepared = calculator.compare("f", prepared, window);
      assertThat(fromPrepared).isEqualTo(bare);
    }
    // A large reference decides by Wasserstein: the prepared quantile function is used.
    NumericProfile large = reference(5000, 2);
    NumericProfile window = window(large, 20_000, 0.2, 64);
    FeatureDrift bare = calculator.compare("f", large, window);
    assertThat(bare.method()).isEqualTo(FeatureDrift.WASSERSTEIN_NORMED);
    assertThat(calculator.compare("f", PreparedReference.of(large), window)).isEqualTo(bare);
  }

  @Test
  void aPreparedReferenceWithoutValuesSaysSo() {
    NumericProfile empty = NumericProfile.create(new double[] {0.0});
    FeatureDrift drift = calculator.compare("f", PreparedReference.of(empty),
        window(empty, 10, 0, 1000));
    assertThat(drift.computed()).isFalse();
    assertThat(drift.notComputedReason()).isEqualTo("the reference has no values for this feature");
  }

  @Test
  void categoricalReferencesArePreparedToo() {
    CategoricalProfile reference = CategoricalProfile.create(10);
    CategoricalProfile window = CategoricalProfile.create(10);
    for (int i = 0; i < 100; i++) {
      reference.update(i % 3 == 0 ? "a" : "b");
      window.update(i % 2 == 0 ? "a" : "c");
    }
    assertThat(calculator.compare("f", PreparedReference.of(reference), window))
        .isEqualTo(calculator.compare("f", reference, window));
  }
}
