package dev.modelmonitor.demo;

import java.time.Duration;
import java.util.List;

/**
 * The demo's script, as shares of its duration so a shorter or longer run keeps the story:
 * normal traffic, then feature drift (summer-2012 rows), an error burst on one pod, another pod
 * going silent, and recovery. With the default 4 minutes: drift at 0:20, errors 1:10–1:50, silence
 * 1:50–2:50, recovery from 2:50.
 */
final class Scenario {
  /** One step of the story, printed as it starts. */
  record Step(double at, String title) {}

  static final double DRIFT = 20.0 / 240;
  static final double ERRORS = 70.0 / 240;
  static final double ERRORS_END = 110.0 / 240;
  static final double SILENCE = 110.0 / 240;
  static final double RECOVERY = 170.0 / 240;

  static final List<Step> STEPS =
      List.of(
          new Step(0, "normal traffic: 2011 rows, the world the model was built for"),
          new Step(DRIFT, "feature drift: pods now see summer-2012 rows (warmer, busier)"),
          new Step(ERRORS, "error burst: pod 2's feature store times out on 40% of requests"),
          new Step(SILENCE, "pod 3 hangs: it still heartbeats but serves no predictions"),
          new Step(RECOVERY, "recovery: traffic back to normal, errors stop, pod 3 restarts"));

  private final Duration duration;

  Scenario(Duration duration) {
    this.duration = duration;
  }

  Duration duration() {
    return duration;
  }

  Duration at(double share) {
    return Duration.ofMillis((long) (duration.toMillis() * share));
  }

  private double share(Duration elapsed) {
    return (double) elapsed.toMillis() / duration.toMillis();
  }

  boolean drifted(Duration elapsed) {
    double s = share(elapsed);
    return s >= DRIFT && s < RECOVERY;
  }

  /** Share of pod {@code pod}'s requests (1-based) that fail now. */
  double errorRate(int pod, Duration elapsed) {
    double s = share(elapsed);
    return pod == 2 && s >= ERRORS && s < ERRORS_END ? 0.4 : 0.0;
  }

  boolean silent(int pod, Duration elapsed) {
    double s = share(elapsed);
    return pod == 3 && s >= SILENCE && s < RECOVERY;
  }
}
