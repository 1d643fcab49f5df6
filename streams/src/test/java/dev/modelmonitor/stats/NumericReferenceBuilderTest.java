package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.Test;

class NumericReferenceBuilderTest {

  @Test
  void edgesAreNumpysDecilesWithDuplicatesRemoved() {
    NumericReferenceBuilder builder = new NumericReferenceBuilder();
    for (int i = 0; i < 200; i++) {
      builder.add(i % 5);
    }
    builder.addMissing();
    // numpy.unique(numpy.quantile([i % 5 for i in range(200)], [0.1, ..., 0.9])), see
    // expected-synthetic.json "ties on integer values".
    assertThat(builder.binEdges()).containsExactly(0.0, 0.8000000000000043, 1.0,
        1.6000000000000085, 2.0, 2.3999999999999915, 3.0, 3.200000000000017, 4.0);
    NumericProfile reference = builder.build();
    assertThat(reference.binCounts()).containsExactly(40, 0, 40, 0, 40, 0, 40, 0, 40, 0);
    assertThat(reference.missing()).isEqualTo(1);
    assertThat(builder.needsSecondPass()).isFalse();
  }

  @Test
  void largeContinuousColumnsGetSketchEdgesAndExactCountsFromASecondPass() {
    Random random = new Random(17);
    double[] column = new double[30_000];
    for (int i = 0; i < column.length; i++) {
      column[i] = random.nextGaussian() * 3 + 10;
    }
    NumericReferenceBuilder pass1 = new NumericReferenceBuilder(10_000, 200, 1000);
    for (double v : column) {
      pass1.add(v);
    }
    assertThat(pass1.edgesExact()).isFalse();
    assertThat(pass1.needsSecondPass()).isTrue();
    double[] edges = pass1.binEdges();
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    double rankError = KllSketch.getNormalizedRankError(200, false);
    assertThat(edges).hasSize(9);
    for (int i = 0; i < edges.length; i++) {
      double rank = (double) Math.abs(Arrays.binarySearch(sorted, edges[i]) + 1) / sorted.length;
      // rankError holds per query with 99% confidence; nine at once get half as much again.
      assertThat(rank).as("rank of edge %d", i)
          .isCloseTo((i + 1) / 10.0, within(1.5 * rankError));
    }

    NumericProfile estimated = pass1.build();
    NumericProfile pass2 = pass1.secondPass();
    for (double v : column) {
      pass2.update(v);
    }
    assertThat(pass2.binEdges()).containsExactly(edges);
    long[] exact = new long[edges.length + 1];
    for (double v : column) {
      exact[BinEdges.binOf(edges, v)]++;
    }
    assertThat(pass2.binCounts()).containsExactly(exact);
    assertThat(Arrays.stream(estimated.binCounts()).sum()).isEqualTo(column.length);
    for (int i = 0; i < exact.length; i++) {
      assertThat((double) estimated.binCounts()[i])
          .isCloseTo(exact[i], within(3 * rankError * column.length));
    }
    assertThat(estimated.mean()).isEqualTo(pass2.mean());
  }

  @Test
  void manyValuesOfFewDistinctOnesStayExactBeyondTheEdgeLimit() {
    NumericReferenceBuilder builder = new NumericReferenceBuilder(100, 200, 1000);
    for (int i = 0; i < 50_000; i++) {
      builder.add(i % 24);
    }
    assertThat(builder.edgesExact()).isTrue();
    NumericProfile reference = builder.build();
    assertThat(reference.keepsValues()).isTrue();
    double[] all = new double[50_000];
    for (int i = 0; i < all.length; i++) {
      all[i] = i % 24;
    }
    Arrays.sort(all);
    assertThat(reference.binEdges()).containsExactly(BinEdges.fromSorted(all, all.length));
  }
}
