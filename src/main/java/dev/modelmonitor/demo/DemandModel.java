package dev.modelmonitor.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "model" the demo pods serve: the 2011 mean of hourly rentals by hour of day and working
 * day, rounded. Simple on purpose: what matters here is what the monitoring sees, and it sees a
 * model that was right for 2011 and under-predicts the busier 2012.
 */
final class DemandModel {
  private final Map<String, Long> means = new HashMap<>();

  DemandModel(List<Map<String, String>> training) {
    Map<String, long[]> sums = new HashMap<>();
    for (Map<String, String> row : training) {
      long[] s = sums.computeIfAbsent(key(row), k -> new long[2]);
      s[0] += Long.parseLong(row.get("cnt"));
      s[1]++;
    }
    sums.forEach((k, s) -> means.put(k, Math.round((double) s[0] / s[1])));
  }

  long predict(Map<String, String> row) {
    return means.getOrDefault(key(row), 0L);
  }

  private static String key(Map<String, String> row) {
    return row.get("hr") + "/" + row.get("workingday");
  }
}
