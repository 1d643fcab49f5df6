package dev.modelmonitor.alerts;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts by name with at most {@code limit} names; counts of further names go to {@value
 * #OTHER}, so memory stays bounded whatever the input (error types come from applications).
 */
final class BoundedCounts {
  static final String OTHER = "(other)";

  private final int limit;
  private final Map<String, long[]> counts = new HashMap<>();

  BoundedCounts(int limit) {
    this.limit = limit;
  }

  void add(String name, long n) {
    long[] c = counts.get(name);
    if (c == null) {
      if (counts.size() >= limit && !name.equals(OTHER)) {
        name = OTHER;
        c = counts.get(name);
      }
      if (c == null) {
        c = new long[1];
        counts.put(name, c);
      }
    }
    c[0] += n;
  }

  void addAll(BoundedCounts other) {
    other.counts.forEach((name, c) -> add(name, c[0]));
  }

  boolean isEmpty() {
    return counts.isEmpty();
  }

  long get(String name) {
    long[] c = counts.get(name);
    return c == null ? 0 : c[0];
  }

  /** The largest counts first (ties by name), at most {@code n}. */
  List<Map.Entry<String, Long>> top(int n) {
    List<Map.Entry<String, Long>> all = new ArrayList<>();
    counts.forEach((name, c) -> all.add(Map.entry(name, c[0])));
    all.sort(
        Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    return all.subList(0, Math.min(n, all.size()));
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(counts.size());
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue()[0]);
    }
  }

  static BoundedCounts read(DataInput in, int limit) throws IOException {
    BoundedCounts counts = new BoundedCounts(limit);
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      counts.add(name, in.readLong());
    }
    return counts;
  }
}
