package dev.modelmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencySketchTest {
  @Test
  void aUnionOfExactSketchesGivesTheNearestRankQuantiles() {
    SplittableRandom random = new SplittableRandom(7);
    List<LatencySketch> parts = new ArrayList<>();
    double[] all = new double[300];
    int n = 0;
    for (int p = 0; p < 3; p++) {
      LatencySketch s = new LatencySketch();
      for (int i = 0; i < 100; i++) {
        double v = random.nextInt(1000) / 4.0;
        s.add(v);
        all[n++] = v;
      }
      parts.add(s);
    }
    Arrays.sort(all);
    LatencySketch.Union union = new LatencySketch.Union(parts);
    assertThat(union.count()).isEqualTo(300);
    for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 1.0}) {
      int rank = (int) Math.ceil(q * all.length);
      assertThat(union.quantile(q)).as("q %s", q).isEqualTo(all[rank - 1]);
    }
    assertThat(union.max()).isEqualTo(all[299]);
  }

  @Test
  void aUnionOfLargeSketchesKeepsTheTailAccurate() {
    List<LatencySketch> parts = new ArrayList<>();
    LatencySketch merged = new LatencySketch();
    for (int p = 0; p < 60; p++) {
      LatencySketch s = new LatencySketch();
      for (int i = 0; i < 1000; i++) {
        s.add(1 + ((p * 1000 + i) * 7919L) % 60_000);
      }
      parts.add(s);
      merged.addAll(s);
    }
    LatencySketch.Union union = new LatencySketch.Union(parts);
    // 60,000 distinct values 1..60,000: p99 is 59,400, p50 30,000.
    assertThat(union.quantile(0.99)).isCloseTo(59_400, within(59_400 * 0.005));
    assertThat(union.quantile(0.5)).isCloseTo(30_000, within(30_000 * 0.05));
    assertThat(new LatencySketch.Union(List.of(merged)).quantile(0.99)).isCloseTo(59_400, within(59_400 * 0.005));
  }

  @Test
  void anEmptyUnionHasNoQuantile() {
    assertThat(new LatencySketch.Union(List.of(new LatencySketch())).quantile(0.5)).isNaN();
  }
}
