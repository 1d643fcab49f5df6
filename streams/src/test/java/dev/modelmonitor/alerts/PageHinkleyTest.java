package dev.modelmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageHinkleyTest {
  private static PageHinkley detector(String direction, boolean relative) {
    return new PageHinkley("latency_ms", new PageHinkley.Params(0.25, 10, 1.0, 20, direction, relative));
  }

  @Test
  void findsAnUpwardShiftAfterTheStepsTheStatisticNeeds() {
    PageHinkley ph = detector("up", true);
    for (int i = 0; i < 50; i++) {
      assertThat(ph.add(10, i)).isFalse();
    }
    // Relative scale 10: each 30 adds about 3 - mean - 0.25; the mean creeps up from 1.
    int steps = 0;
    boolean found = false;
    while (!found) {
      found = ph.add(30, 50 + steps++);
    }
    double m = -7.5;
    double mean = 1;
    int expected = 0;
    for (int n = 51; m + 7.5 <= 10; n++) {
      mean += (3 - mean) / n;
      m += 3 - mean - 0.25;
      expected++;
    }
    assertThat(steps).isEqualTo(expected);
    PageHinkley.ChangePoint c = ph.latest();
    assertThat(c.up()).isTrue();
    assertThat(c.before()).isEqualTo(10.0);
    assertThat(c.after()).isEqualTo(30.0);
    assertThat(c.time()).isEqualTo(50 + steps - 1);
    assertThat(ph.changesSince(0)).isEqualTo(1);
    assertThat(ph.changesSince(50 + steps)).isZero();
  }

  @Test
  void staysQuietOnAStableSeriesAndOnShiftsItDoesNotWatch() {
    PageHinkley up = detector("up", true);
    PageHinkley down = detector("down", true);
    for (int i = 0; i < 1000; i++) {
      double v = 10 + (i % 7) - 3;
      assertThat(up.add(v, i)).isFalse();
      assertThat(down.add(v, i)).isFalse();
    }
    for (int i = 0; i < 100; i++) {
      assertThat(up.add(2, 1000 + i)).isFalse();
    }
    boolean found = false;
    for (int i = 0; i < 100 && !found; i++) {
      found = down.add(2, 1000 + i);
    }
    assertThat(found).isTrue();
    assertThat(down.latest().up()).isFalse();
  }

  @Test
  void startsOverAfterAChangePoint() {
    PageHinkley ph = detector("up", false);
    for (int i = 0; i < 20; i++) {
      ph.add(0, i);
    }
    int i = 20;
    while (!ph.add(1, i)) {
      i++;
    }
    // Warm-up again: the next 20 values cannot complete a change point.
    for (int j = 0; j < 20; j++) {
      assertThat(ph.add(100, 1000 + j)).isFalse();
    }
  }

  @Test
  void survivesSerialization() throws Exception {
    PageHinkley ph = detector("both", true);
    for (int i = 0; i < 30; i++) {
      ph.add(10 + i % 3, i);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    ph.write(new java.io.DataOutputStream(bytes));
    PageHinkley copy = PageHinkley.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    for (int i = 30; i < 200; i++) {
      double v = i < 100 ? 10 : 40;
      assertThat(copy.add(v, i)).isEqualTo(ph.add(v, i));
    }
    assertThat(copy.changesSince(0)).isEqualTo(ph.changesSince(0)).isEqualTo(1);
  }
}
