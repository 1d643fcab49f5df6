package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RadixSortTest {
  private final SplittableRandom random = new SplittableRandom(3);

  @Test
  void sortsAsArraysSortDoesWhateverTheDistributionAndSize() {
    DoubleSupplier[] distributions = {
      () -> 5 + random.nextGaussian() * 2,
      () -> random.nextDouble(),
      () -> Math.exp(random.nextGaussian() * 8), // most values bunched near the smallest
      () -> random.nextInt(3) - 1.0, // few distinct values, zero included
      () -> random.nextBoolean() ? 1e-300 * random.nextDouble() : -1e300 * random.nextDouble(),
      // a tight cluster with far outliers
      () -> random.nextInt(10) == 0 ? random.nextGaussian() * 1e12 : 1.0 + random.nextDouble() * 1e-9,
    };
    int[] sizes = {0, 1, 2, 3, 24, 25, 26, 100, 1000, 1024, 5000};
    for (int d = 0; d < distributions.length; d++) {
      for (int n : sizes) {
        double[] values = new double[n + 5]; // sorts a prefix, leaves the rest
        for (int i = 0; i < values.length; i++) {
          values[i] = distributions[d].getAsDouble();
        }
        double[] expected = values.clone();
        Arrays.sort(expected, 0, n);

        RadixSort.sort(values, n);

        assertThat(values).as("distribution %d, %d values", d, n).containsExactly(expected);
      }
    }
  }

  @Test
  void sortsTheExtremesOfTheDoublesAndBothSignsOfTinyValues() {
    double[] values = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE,
        0.0, 1.0, -1.0, Double.MIN_NORMAL, -Double.MIN_NORMAL, 0.0, 1.0};
    double[] many = new double[values.length * 10];
    for (int i = 0; i < many.length; i++) {
      many[i] = values[random.nextInt(values.length)];
    }
    double[] expected = many.clone();
    Arrays.sort(expected);

    RadixSort.sort(many, many.length);

    assertThat(many).containsExactly(expected);
  }

  @Test
  void equalValuesNeedNoPassesAndStayEqual() {
    double[] values = new double[1000];
    Arrays.fill(values, 42.5);
    RadixSort.sort(values, values.length);
    assertThat(values).containsOnly(42.5);
  }
}
