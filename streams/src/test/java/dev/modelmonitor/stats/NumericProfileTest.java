package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumericProfileTest {

  @Test
  void nanIsMissingAndInfinityIsATypeMismatchCountedAsMissing() {
    NumericProfile p = NumericProfile.create();
    p.update(1.0);
    p.update(Double.NaN);
    p.update(Double.POSITIVE_INFINITY);
    p.update(Double.NEGATIVE_INFINITY);
    assertThat(p.count()).isEqualTo(1);
    assertThat(p.missing()).isEqualTo(3);
    assertThat(p.typeMismatches()).isEqualTo(2);
    assertThat(p.mean()).isEqualTo(1.0);
  }

  @Test
  void anEmptyProfileReadBackFromBytesTakesValues() {
    NumericProfile p = NumericProfile.fromBytes(NumericProfile.create(new double[] {1.0}).toBytes());
    p.update(2.0);
    p.update(0.5);
    assertThat(p.count()).isEqualTo(2);
    assertThat(p.distinctValues()).containsExactly(0.5, 2.0);
    assertThat(p.binCounts()).containsExactly(1L, 1L);
  }

  @Test
  void updateValueTakesAnyNumberAndCountsOtherTypesAsMismatches() {
    NumericProfile p = NumericProfile.create();
    p.updateValue(1.5);
    p.updateValue(2L);
    p.updateValue(3);
    p.updateValue(null);
    p.updateValue("4.0");
    p.updateValue(true);
    assertThat(p.count()).isEqualTo(3);
    assertThat(p.mean()).isEqualTo(6.5 / 3);
    assertThat(p.missing()).isEqualTo(3);
    assertThat(p.typeMismatches()).isEqualTo(2);
  }

  @Test
  void emptyProfileHasNaNStatisticsAndOneEmptyBin() {
    NumericProfile p = NumericProfile.create(new double[] {1, 2});
    assertThat(p.mean()).isNaN();
    assertThat(p.std()).isNaN();
    assertThat(p.min()).isNaN();
    assertThat(p.quantile(0.5)).isNaN();
    assertThat(p.binCounts()).containsExactly(0, 0, 0);
    assertThat(p.toAvro("x").getMean()).isNull();
    assertThat(p.toAvro("x").getQuantiles()).isEmpty();
  }

  @Test
  void meanAndPopulationVarianceAreNumericallyStableFarFromZero() {
    NumericProfile p = NumericProfile.create();
    for (double v : new double[] {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}) {
      p.update(v);
    }
    assertThat(p.mean()).isEqualTo(1e9 + 10);
    assertThat(p.variance()).isEqualTo(22.5);
    assertThat(p.std()).isEqualTo(Math.sqrt(22.5));
  }

  @Test
  void binsAreOpenBelowAndClosedAbove() {
    NumericProfile p = NumericProfile.create(new double[] {1.0, 2.0});
    for (double v : new double[] {-5, 1.0, 1.0000001, 2.0, 2.5, 100}) {
      p.update(v);
    }
    assertThat(p.binCounts()).containsExactly(2, 2, 2);
  }

  @Test
  void rejectsEdgesThatAreNotFiniteAndStrictlyIncreasing() {
    assertThatThrownBy(() -> NumericProfile.create(new double[] {1, 1}))
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> NumericProfile.create(new double[] {Double.NaN}))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> NumericProfile.create(new double[0], 4, 10))
        .hasMessageContaining("sketchK must be in [8, 65535] but was 4");
  }

  @Test
  void quantilesOfKeptValuesInterpolateLikeNumpy() {
    NumericProfile p = NumericProfile.create();
    for (double v : new double[] {4, 1, 3, 2}) {
      p.update(v);
    }
    // numpy.quantile([1, 2, 3, 4], q): virtual index 3q, linear between neighbours.
    assertThat(p.quantile(0.0)).isEqualTo(1.0);
    assertThat(p.quantile(0.1)).isEqualTo(1.3);
    assertThat(p.quantile(0.5)).isEqualTo(2.5);
    assertThat(p.quantile(0.9)).isEqualTo(3.7);
    assertThat(p.quantile(1.0)).isEqualTo(4.0);
  }

  @Test
  void keepsAnyNumberOfValuesExactlyWhileTheyHaveFewDistinctValues() {
    NumericProfile p = NumericProfile.create();
    for (int i = 0; i < 100_000; i++) {
      p.update(i % 24);
    }
    assertThat(p.keepsValues()).isTrue();
    assertThat(p.distinctValues()).hasSize(24).startsWith(0.0, 1.0).endsWith(23.0);
    assertThat(p.distinctValueCounts()).containsOnly(100_000 / 24, 100_000 / 24 + 1);
    // 0..15 occur 4,167 times, 16..23 4,166 times: positions 49,999 and 50,000 both hold 11.
    assertThat(p.quantile(0.5)).isEqualTo(11.0);
  }

  @Test
  void switchesToTheSketchWhenDistinctValuesExceedTheLimit() {
    NumericProfile p = NumericProfile.create(new double[0], 200, 1000);
    for (int i = 0; i < 1000; i++) {
      p.update(i);
    }
    assertThat(p.keepsValues()).isTrue();
    p.update(1000);
    assertThat(p.keepsValues()).isFalse();
    assertThat(p.count()).isEqualTo(1001);
    assertThat(p.min()).isEqualTo(0);
    assertThat(p.max()).isEqualTo(1000);
    assertThat(p.quantile(0.5)).isCloseTo(500, within(1001 * 0.0133 * 2));
    assertThatThrownBy(p::distinctValues).hasMessageContaining("only the sketch is kept");
  }

  @Test
  void valuesWaitingToGoIntoTheSketchCountInEveryRead() {
    NumericProfile profile = NumericProfile.create(new double[] {0});
    for (int i = 0; i < 1_500; i++) {
      profile.update(i); // 1,000 kept, then in the sketch: 500 wait in its batch
    }
    assertThat(profile.keepsValues()).isFalse();
    assertThat(NumericProfile.fromBytes(profile.toBytes()).sketchOrNull().getN()).isEqualTo(1_500);
    assertThat(profile.copy().sketchOrNull().getN()).isEqualTo(1_500);
    assertThat(profile.quantile(0.0)).isZero();
    assertThat(profile.quantile(1.0)).isEqualTo(1_499);

    for (int i = 1_500; i < 3_000; i++) {
      profile.update(i); // a new batch after the reads
    }
    NumericProfile merged = NumericProfile.create(new double[] {0}).mergeFrom(profile);
    assertThat(merged.sketchOrNull().getN()).isEqualTo(3_000);
    assertThat(profile).isEqualTo(NumericProfile.fromBytes(profile.toBytes()));
    assertThat(profile.quantile(0.5)).isCloseTo(1_500, within(3_000 * 0.02));
  }

  @Test
  void negativeZeroIsTheSameValueAsZero() {
    NumericProfile p = NumericProfile.create();
    p.update(-0.0);
    p.update(0.0);
    assertThat(p.distinctValues()).containsExactly(0.0);
    assertThat(p.distinctValueCounts()).containsExactly(2);
  }

  @Test
  void shareOutsideARangeIsExactFromKeptValuesAndEstimatedFromTheSketch() {
    NumericProfile exact = NumericProfile.create();
    for (int i = 0; i < 100; i++) {
      exact.update(i);
    }
    assertThat(exact.fractionOutside(10, 89)).isEqualTo(0.2);

    NumericProfile sketched = NumericProfile.create();
    for (int i = 0; i < 100_000; i++) {
      sketched.update(i);
    }
    assertThat(sketched.fractionOutside(10_000, 89_999)).isCloseTo(0.2, within(0.03));
  }

  @Test
  void updatingDoesNotAllocateOnceTheStoreHasGrown() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    NumericProfile exact = NumericProfile.create(new double[] {1, 5, 10});
    NumericProfile sketched = NumericProfile.create(new double[] {1, 5, 10});
    Random random = new Random(1);
    double[] continuous = new double[1 << 16];
    for (int i = 0; i < continuous.length; i++) {
      continuous[i] = random.nextGaussian();
    }
    for (int i = 0; i < 200_000; i++) {
      exact.update(i % 20);
      sketched.update(continuous[i & (continuous.length - 1)]);
    }
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 1_000_000; i++) {
      exact.update(i % 20);
    }
    long exactBytes = threads.getThreadAllocatedBytes(thread) - before;
    before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 1_000_000; i++) {
      sketched.update(continuous[i & (continuous.length - 1)]);
    }
    long sketchBytes = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(exactBytes).as("bytes allocated by 1M exact updates").isLessThan(1024);
    // The sketch adds a level (a few kB) each time n doubles: once or twice in this run.
    assertThat(sketchBytes).as("bytes allocated by 1M sketch updates").isLessThan(64 * 1024);
  }
}
