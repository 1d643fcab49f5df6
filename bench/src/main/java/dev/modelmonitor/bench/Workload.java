package dev.modelmonitor.bench;

import java.util.HashMap;
import java.util.Map;

/** The prediction every benchmark records: 20 features of the kinds a tabular model takes. */
final class Workload {
  private Workload() {}

  /** 12 doubles, 4 longs, 3 strings and a boolean. */
  static Map<String, Object> features() {
    Map<String, Object> features = new HashMap<>();
    for (int i = 0; i < 12; i++) {
      features.put("num_" + i, 0.5 + i * 1.25);
    }
    for (int i = 0; i < 4; i++) {
      features.put("count_" + i, (long) (i * 17));
    }
    features.put("plan", "premium");
    features.put("country", "DE");
    features.put("device", "android");
    features.put("returning", true);
    return features;
  }
}
