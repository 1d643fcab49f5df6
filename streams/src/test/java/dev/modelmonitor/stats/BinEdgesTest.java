package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinEdgesTest {

  @Test
  void aValueFallsInTheBinAfterTheEdgesStrictlyBelowIt() {
    double[] deciles = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    assertThat(BinEdges.binOf(deciles, -5)).isZero();
    assertThat(BinEdges.binOf(deciles, 0.1)).isZero(); // (-inf, e1] includes e1
    assertThat(BinEdges.binOf(deciles, 0.10001)).isEqualTo(1);
    assertThat(BinEdges.binOf(deciles, 0.5)).isEqualTo(4);
    assertThat(BinEdges.binOf(deciles, 0.9)).isEqualTo(8);
    assertThat(BinEdges.binOf(deciles, 7)).isEqualTo(9);
    assertThat(BinEdges.binOf(new double[0], 7)).isZero();
  }

  @Test
  void manyEdgesGiveTheSameBinsAsACount() {
    double[] edges = new double[100];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = i * 1.5;
    }
    for (double v = -3; v < 160; v += 0.25) {
      int below = 0;
      for (double edge : edges) {
        below += edge < v ? 1 : 0;
      }
      assertThat(BinEdges.binOf(edges, v)).as("bin of %s", v).isEqualTo(below);
    }
  }
}
