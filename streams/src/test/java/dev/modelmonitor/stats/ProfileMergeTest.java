package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: merge(profile(a), profile(b)) describes a ∪ b as profile(a ∪ b) does, for seeded
 * random splits of samples of every kind the profiles meet (small, many values of few distinct
 * ones, continuous, with missing and mismatched values).
 */
class ProfileMergeTest {
  private static final double[] EDGES = {-1.0, -0.25, 0.0, 0.5, 2.0};
  private static final double KLL_RANK_ERROR = KllSketch.getNormalizedRankError(200, false);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void numericMergeEqualsTheProfileOfTheUnion(long seed) {
    Random random = new Random(seed);
    int kind = (int) (seed % 3);
    int n = switch (kind) {
      case 0 -> 1 + random.nextInt(900);
      case 1 -> 2_000 + random.nextInt(50_000);
      default -> 2_000 + random.nextInt(50_000);
    };
    double[] all = new double[n];
    for (int i = 0; i < n; i++) {
      all[i] = switch (kind) {
        case 1 -> random.nextInt(40) / 8.0 - 2.0; // many values, 40 distinct
        default -> random.nextGaussian() * 1.5 + 0.3;
      };
    }
    int parts = 2 + random.nextInt(4);
    List<NumericProfile> pieces = new ArrayList<>();
    NumericProfile whole = NumericProfile.create(EDGES);
    int from = 0;
    for (int p = 0; p < parts; p++) {
      int to = p == parts - 1 ? n : from + random.nextInt(n - from + 1);
      NumericProfile piece = NumericProfile.create(EDGES);
      for (int i = from; i < to; i++) {
        piece.update(all[i]);
        whole.update(all[i]);
        if (i % 97 == 0) {
          piece.updateMissing();
          whole.updateMissing();
        }
        if (i % 131 == 0) {
          piece.updateValue("not a number");
          whole.updateValue("not a number");
        }
      }
      pieces.add(piece);
      from = to;
    }
    NumericProfile merged = pieces.get(0);
    for (NumericProfile piece : pieces.subList(1, pieces.size())) {
      merged = NumericProfile.merge(merged, piece);
    }

    assertThat(merged.count()).isEqualTo(whole.count()).isEqualTo(n);
    assertThat(merged.missing()).isEqualTo(whole.missing());
    assertThat(merged.typeMismatches()).isEqualTo(whole.typeMismatches());
    assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-9 * Math.abs(whole.mean())));
    assertThat(merged.variance())
        .isCloseTo(whole.variance(), within(1e-9 * whole.variance()));
    assertThat(merged.min()).isEqualTo(whole.min()).isEqualTo(Arrays.stream(all).min()
        .orElseThrow());
    assertThat(merged.max()).isEqualTo(whole.max());
    assertThat(merged.binCounts()).containsExactly(whole.binCounts());
    assertThat(merged.keepsValues()).isEqualTo(whole.keepsValues());

    double[] sorted = all.clone();
    Arrays.sort(sorted);
    if (whole.keepsValues()) {
      assertThat(merged.distinctValues()).containsExactly(whole.distinctValues());
      assertThat(merged.distinctValueCounts()).containsExactly(whole.distinctValueCounts());
      for (double q : NumericProfile.PUBLISHED_RANKS) {
        assertThat(merged.quantile(q)).isEqualTo(LinearQuantile.of(sorted, n, q));
      }
    } else {
      for (double q : NumericProfile.PUBLISHED_RANKS) {
        // The merged sketch's quantile has a true normalized rank within the rank error of q.
        double x = merged.quantile(q);
        double below = lowerRank(sorted, x);
        double atOrBelow = upperRank(sorted, x);
        assertThat(q).as("rank of the %s-quantile", q)
            .isBetween(below - KLL_RANK_ERROR, atOrBelow + KLL_RANK_ERROR);
      }
    }
  }

  @Test
  void mergingKeepsValuesExactExactlyWhenTheUnionHasFewDistinctValues() {
    NumericProfile a = NumericProfile.create(new double[0], 200, 10);
    NumericProfile b = NumericProfile.create(new double[0], 200, 10);
    for (int i = 0; i < 6; i++) {
      a.update(i);
      b.update(i + 3);
    }
    assertThat(NumericProfile.merge(a, b).keepsValues()).isTrue(); // 0..8: 9 distinct
    b.update(42);
    b.update(43);
    assertThat(NumericProfile.merge(a, b).keepsValues()).isFalse(); // 11 distinct
    assertThat(NumericProfile.merge(a, b).count()).isEqualTo(14);
  }

  @Test
  void mergeLeavesItsArgumentsUnchanged() {
    NumericProfile a = NumericProfile.create(EDGES);
    NumericProfile b = NumericProfile.create(EDGES);
    a.update(1);
    b.update(2);
    byte[] aBefore = a.toBytes();
    byte[] bBefore = b.toBytes();
    NumericProfile.merge(a, b);
    assertThat(a.toBytes()).isEqualTo(aBefore);
    assertThat(b.toBytes()).isEqualTo(bBefore);
  }

  @Test
  void refusesToMergeProfilesOnDifferentEdgesOrOfDifferentTypes() {
    assertThatThrownBy(() -> NumericProfile.merge(NumericProfile.create(new double[] {1}),
        NumericProfile.create(new double[] {2})))
        .hasMessageContaining("different bin edges [1.0] and [2.0]");
    assertThatThrownBy(() -> Profile.merge(NumericProfile.create(), CategoricalProfile.create()))
        .hasMessageContaining("cannot merge a NUMERIC profile with a CATEGORICAL profile");
    assertThatThrownBy(() -> Profile.merge(CategoricalProfile.create(),
        CategoricalProfile.forBooleans())).hasMessageContaining("BOOLEAN");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {21, 22, 23, 24, 25, 26})
  void categoricalMergeEqualsTheProfileOfTheUnionWhileAtMostTwiceKCategories(long seed) {
    Random random = new Random(seed);
    int categories = 1 + random.nextInt(200); // K = 100: at most 2K tracked, no folding
    CategoricalProfile whole = CategoricalProfile.create();
    CategoricalProfile a = CategoricalProfile.create();
    CategoricalProfile b = CategoricalProfile.create();
    for (int i = 0; i < 20_000; i++) {
      String c = random.nextInt(50) == 0 ? null : "c" + random.nextInt(categories);
      whole.update(c);
      (random.nextBoolean() ? a : b).update(c);
    }
    CategoricalProfile merged = CategoricalProfile.merge(a, b);
    assertThat(merged).isEqualTo(whole);
    assertThat(merged.categoryCounts()).containsExactlyEntriesOf(whole.categoryCounts());
    assertThat(merged.otherCount()).isEqualTo(whole.otherCount());
  }

  @Test
  void categoricalMergeBeyondTwiceKKeepsTheLowerBoundWithinTheMergedOtherCount() {
    Random random = new Random(99);
    CategoricalProfile a = CategoricalProfile.create(5);
    CategoricalProfile b = CategoricalProfile.create(5);
    Map<String, Long> truth = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      String c = "c" + (int) Math.floor(Math.exp(random.nextDouble() * Math.log(60)));
      (i % 3 == 0 ? a : b).update(c);
      truth.merge(c, 1L, Long::sum);
    }
    CategoricalProfile merged = CategoricalProfile.merge(a, b);
    long other = merged.otherCount();
    assertThat(merged.count()).isEqualTo(10_000);
    merged.categoryCounts().forEach((c, n) -> assertThat(truth.get(c) - n).isBetween(0L, other));
    truth.forEach((c, n) -> {
      if (!merged.categoryCounts().containsKey(c)) {
        assertThat(n).isLessThanOrEqualTo(other);
      }
    });
  }

  private static double lowerRank(double[] sorted, double x) {
    int i = 0;
    while (i < sorted.length && sorted[i] < x) {
      i++;
    }
    return (double) i / sorted.length;
  }

  private static double upperRank(double[] sorted, double x) {
    int i = 0;
    while (i < sorted.length && sorted[i] <= x) {
      i++;
    }
    return (double) i / sorted.length;
  }
}
