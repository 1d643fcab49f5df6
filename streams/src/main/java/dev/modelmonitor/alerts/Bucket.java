package dev.modelmonitor.alerts;

import dev.modelmonitor.schema.Outcome;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What one time bucket of a model's sliding window holds: prediction and outcome counts, error
 * types, a latency sketch, missing counts per feature and (when drift is watched) feature
 * profiles. Its size depends on the number of features, never on the number of events.
 */
final class Bucket {
  static final int MAX_ERROR_TYPES = 32;

  long start;
  long count;
  final long[] outcomes = new long[Outcome.values().length];
  BoundedCounts errorTypes;
  LatencySketch latency;
  final Map<String, long[]> missing = new HashMap<>();
  final Map<String, DriftMeter.Sample> samples = new HashMap<>();
  /** Changed since last written to the store. */
  transient boolean dirty = true;

  Bucket(long start) {
    this.start = start;
  }

  long errors() {
    return count - outcomes[Outcome.OK.ordinal()];
  }

  long missing(String feature) {
    long[] c = missing.get(feature);
    return c == null ? 0 : c[0];
  }

  void addMissing(String feature) {
    missing.computeIfAbsent(feature, f -> new long[1])[0]++;
  }

  void addError(String type) {
    if (errorTypes == null) {
      errorTypes = new BoundedCounts(MAX_ERROR_TYPES);
    }
    errorTypes.add(type, 1);
  }

  void addLatency(double millis) {
    if (latency == null) {
      latency = new LatencySketch();
    }
    latency.add(millis);
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(start);
    out.writeLong(count);
    out.writeByte(outcomes.length);
    for (long o : outcomes) {
      out.writeLong(o);
    }
    out.writeBoolean(errorTypes != null);
    if (errorTypes != null) {
      errorTypes.write(out);
    }
    Codec.writeBytes(out, latency == null ? null : latency.toBytes());
    out.writeInt(missing.size());
    for (Map.Entry<String, long[]> e : missing.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue()[0]);
    }
    out.writeInt(samples.size());
    for (Map.Entry<String, DriftMeter.Sample> e : samples.entrySet()) {
      out.writeUTF(e.getKey());
      Codec.writeBytes(out, e.getValue().toBytes());
    }
  }

  byte[] toBytes() {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
      java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
      write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Bucket fromBytes(byte[] bytes, DriftMeter drift) throws IOException {
    Bucket b = read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)), drift);
    b.dirty = false;
    return b;
  }

  static Bucket read(DataInput in, DriftMeter drift) throws IOException {
    Bucket b = new Bucket(in.readLong());
    b.count = in.readLong();
    int n = in.readByte();
    for (int i = 0; i < n; i++) {
      long v = in.readLong();
      if (i < b.outcomes.length) {
        b.outcomes[i] = v;
      }
    }
    if (in.readBoolean()) {
      b.errorTypes = BoundedCounts.read(in, MAX_ERROR_TYPES);
    }
    byte[] latency = Codec.readBytes(in);
    if (latency != null) {
      b.latency = LatencySketch.fromBytes(latency);
    }
    int features = in.readInt();
    for (int i = 0; i < features; i++) {
      String f = in.readUTF();
      b.missing.put(f, new long[] {in.readLong()});
    }
    int samples = in.readInt();
    for (int i = 0; i < samples; i++) {
      String f = in.readUTF();
      byte[] bytes = Codec.readBytes(in);
      if (drift != null && bytes != null) {
        b.samples.put(f, drift.read(bytes));
      }
    }
    return b;
  }
}
