package dev.modelmonitor.ui;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model's minutes over a lookback, as one read of the model API answers them.
 *
 * @param points per-minute aggregates whose minute starts within the lookback, oldest first, the
 *     minute in progress included; minutes without events may be missing
 * @param errorTypes failed events per error type over the lookback, in the order given (the
 *     chart draws them in it)
 */
public record ModelSeries(List<MinutePoint> points, Map<String, Long> errorTypes) {
  /** No minutes: the model is unknown or its source is down. */
  public static final ModelSeries EMPTY = new ModelSeries(List.of(), Map.of());

  public ModelSeries {
    points = List.copyOf(points);
    errorTypes = Collections.unmodifiableMap(new LinkedHashMap<>(errorTypes));
  }
}
