package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValueCountsTest {

  @Test
  void keepsEveryDistinctValueSortedWithItsCountWhateverTheOrderOfArrival() {
    SplittableRandom random = new SplittableRandom(7);
    ValueCounts counts = new ValueCounts(1_000);
    TreeMap<Double, Long> expected = new TreeMap<>();
    for (int i = 0; i < 5_000; i++) {
      // 700 distinct values in random order, many repeated, some with weights.
      double value = random.nextInt(700) / 4.0 - 50;
      long times = i % 10 == 0 ? 3 : 1;
      assertThat(counts.add(value, times)).isTrue();
      expected.merge(value, times, Long::sum);
      if (i % 997 == 0) {
        // Reads in the middle of adding see everything added so far.
        assertThat(counts.distinct()).isEqualTo(expected.size());
      }
    }
    assertThat(counts.distinct()).isEqualTo(expected.size());
    assertThat(counts.total()).isEqualTo(expected.values().stream().mapToLong(c -> c).sum());
    int i = 0;
    for (Map.Entry<Double, Long> e : expected.entrySet()) {
      assertThat(counts.value(i)).isEqualTo(e.getKey());
      assertThat(counts.count(i)).as("count of %s", e.getKey()).isEqualTo(e.getValue());
      i++;
    }
  }

  @Test
  void refusesANewValueBeyondTheLimitAndChangesNothing() {
    ValueCounts counts = new ValueCounts(40);
    for (int v = 39; v >= 0; v--) {
      assertThat(counts.add(v, 1)).isTrue();
    }
    assertThat(counts.add(100, 1)).isFalse();
    assertThat(counts.add(5, 2)).isTrue();
    assertThat(counts.distinct()).isEqualTo(40);
    assertThat(counts.total()).isEqualTo(42);
    assertThat(counts.value(0)).isZero();
    assertThat(counts.value(39)).isEqualTo(39);
    assertThat(counts.count(5)).isEqualTo(3);
  }

  @Test
  void equalSamplesAreEqualWhetherOrNotTheirNewValuesWereMergedYet() {
    ValueCounts a = new ValueCounts(100);
    ValueCounts b = new ValueCounts(100);
    for (int v = 0; v < 50; v++) {
      a.add(v, 1);
      b.add(49 - v, 1);
    }
    assertThat(a).isEqualTo(b);
    assertThat(a.union(b, 100).count(10)).isEqualTo(2);
  }

  @Test
  void readsBetweenAddsSeeNewCountsOfKnownValuesAndNewValuesInOrder() {
    ValueCounts counts = new ValueCounts(1_000);
    counts.add(3.5, 1);
    counts.add(-1.25, 1);
    assertThat(counts.distinctValues()).containsExactly(-1.25, 3.5);
    counts.add(3.5, 4); // a known value after the sorted order was read
    assertThat(counts.multiplicities()).containsExactly(1L, 5L);
    counts.add(0.0, 2); // a new value between them
    assertThat(counts.distinctValues()).containsExactly(-1.25, 0.0, 3.5);
    assertThat(counts.multiplicities()).containsExactly(1L, 2L, 5L);
    assertThat(counts.expanded()).containsExactly(-1.25, 0.0, 0.0, 3.5, 3.5, 3.5, 3.5, 3.5);
    assertThat(counts.total()).isEqualTo(8);
  }

  @Test
  void refusesTheFirstNewValuePastTheLimitAfterManyUnsortedOnes() {
    SplittableRandom random = new SplittableRandom(11);
    ValueCounts counts = new ValueCounts(1_000);
    TreeMap<Double, Long> expected = new TreeMap<>();
    while (expected.size() < 1_000) {
      double value = random.nextDouble();
      assertThat(counts.add(value, 1)).isTrue();
      expected.merge(value, 1L, Long::sum);
    }
    assertThat(counts.add(2.0, 1)).isFalse();
    assertThat(counts.add(expected.firstKey(), 1)).isTrue();
    expected.merge(expected.firstKey(), 1L, Long::sum);
    assertThat(counts.distinct()).isEqualTo(1_000);
    assertThat(counts.total()).isEqualTo(1_001);
    assertThat(counts.distinctValues())
        .containsExactly(expected.keySet().stream().mapToDouble(d -> d).toArray());
    assertThat(counts.multiplicities())
        .containsExactly(expected.values().stream().mapToLong(c -> c).toArray());
  }

  @Test
  void sortsValuesOfAnySignAndMagnitudeWithRepeats() {
    SplittableRandom random = new SplittableRandom(5);
    ValueCounts counts = new ValueCounts(1_000);
    TreeMap<Double, Long> expected = new TreeMap<>();
    double[] pool = new double[600];
    for (int i = 0; i < pool.length; i++) {
      double magnitude = Math.pow(10, random.nextInt(-300, 300));
      pool[i] = (random.nextBoolean() ? -1 : 1) * random.nextDouble() * magnitude;
    }
    pool[0] = 0.0;
    pool[1] = Double.MAX_VALUE;
    pool[2] = -Double.MAX_VALUE;
    pool[3] = Double.MIN_VALUE;
    pool[4] = -Double.MIN_VALUE;
    for (int i = 0; i < 3_000; i++) {
      double value = pool[random.nextInt(pool.length)];
      assertThat(counts.add(value, 1)).isTrue();
      expected.merge(value, 1L, Long::sum);
    }
    assertThat(counts.distinctValues())
        .containsExactly(expected.keySet().stream().mapToDouble(d -> d).toArray());
    assertThat(counts.multiplicities())
        .containsExactly(expected.values().stream().mapToLong(c -> c).toArray());
  }
}
