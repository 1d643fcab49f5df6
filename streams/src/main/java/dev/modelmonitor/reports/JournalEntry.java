package dev.modelmonitor.reports;

import dev.modelmonitor.schema.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one record did to a window, as written to the journal between folds: a prediction event
 * (only the fields a report uses) or a joined label. Replaying entries in {@code seq} order onto
 * the last folded state rebuilds the window exactly.
 *
 * <p>A journal record holds a {@link Batch} of a window's consecutive entries; records written
 * before journaling per commit hold a single entry, and {@link #decodeAll} reads both.
 */
sealed interface JournalEntry permits JournalEntry.Prediction, JournalEntry.Label {
  byte PREDICTION = 1;
  byte LABEL = 2;
  byte BATCH = 3;

  long seq();

  /** Appends this entry to {@code out}, its strings through {@code names}. */
  void writeTo(StateCodec.Writer out, Names names);

  /** Applies this entry to {@code window}. */
  void applyTo(WindowAccumulator window);

  /** A prediction event's contribution. */
  record Prediction(long seq, long timestamp, Outcome outcome, String error, String modelVersion,
      Long latencyMicros, Object prediction, Map<String, Object> features)
      implements JournalEntry {

    static Prediction of(long seq, long timestamp, PredictionFields event) {
      return new Prediction(seq, timestamp, event.outcome(), event.error(),
          event.modelVersion(), event.latencyMicros(), event.prediction(), event.features());
    }

    @Override
    public void writeTo(StateCodec.Writer out, Names names) {
      out.putByte(PREDICTION).putLong(seq).putLong(timestamp).putByte(outcome.ordinal());
      out.putNullableString(error);
      names.write(out, modelVersion);
      out.putLong(latencyMicros == null ? Long.MIN_VALUE : latencyMicros);
      out.putValue(prediction);
      out.putVarInt(features.size());
      if (features instanceof FeatureValues f) {
        for (int i = 0; i < f.size(); i++) {
          names.writeAt(out, i, f.name(i));
          if (f.isNumber(i)) {
            out.putValue(f.number(i));
          } else {
            out.putValue(f.value(i));
          }
        }
        return;
      }
      for (Map.Entry<String, Object> e : features.entrySet()) {
        names.write(out, e.getKey());
        out.putValue(e.getValue());
      }
    }

    @Override
    public void applyTo(WindowAccumulator window) {
      window.applyPrediction(this);
    }
  }

  /** A label joined with a prediction of the window. */
  record Label(long seq, Object predicted, Object actual) implements JournalEntry {
    @Override
    public void writeTo(StateCodec.Writer out, Names names) {
      out.putByte(LABEL).putLong(seq).putValue(predicted).putValue(actual);
    }

    @Override
    public void applyTo(WindowAccumulator window) {
      window.applyLabel(this);
    }
  }

  /**
   * A window's consecutive entries, encoded as they are added; one journal record. Every entry
   * names the same features and mostly the same model version, so a batch writes each such string
   * once and refers to it by number after that: a 20-feature prediction takes about half the bytes
   * and none of the string encoding.
   */
  final class Batch {
    private final long firstSeq;
    private final StateCodec.Writer out = new StateCodec.Writer(4096);
    private final Names names = Names.forWriting();

    Batch(long firstSeq) {
      this.firstSeq = firstSeq;
      out.putByte(BATCH);
    }

    long firstSeq() {
      return firstSeq;
    }

    void add(JournalEntry entry) {
      entry.writeTo(out, names);
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }

  /**
   * The strings of a batch: the first occurrence is written whole (after a 0), later ones as their
   * number (1, 2, …). A reader learns the numbers as it reads, in the same order.
   */
  final class Names {
    private final Map<String, Integer> numbers;
    private final List<String> strings;
    private final boolean numbered;
    // Writing: the feature name last written at each position of an entry, and its number. A
    // window's entries name their features in the same order, each name the same String.
    private String[] byPosition = new String[0];
    private int[] numberByPosition = new int[0];

    private Names(Map<String, Integer> numbers, List<String> strings, boolean numbered) {
      this.numbers = numbers;
      this.strings = strings;
      this.numbered = numbered;
    }

    static Names forWriting() {
      return new Names(new HashMap<>(), null, true);
    }

    static Names forReading() {
      return new Names(null, new ArrayList<>(), true);
    }

    /** Strings written whole every time, as single-entry records held them. */
    static Names unnumbered() {
      return new Names(null, null, false);
    }

    void write(StateCodec.Writer out, String s) {
      if (s == null) {
        out.putVarInt(0).putByte(0);
        return;
      }
      Integer number = numbers.get(s);
      if (number != null) {
        out.putVarInt(number);
        return;
      }
      numbers.put(s, numbers.size() + 1);
      out.putVarInt(0).putByte(1).putString(s);
    }

    /** {@link #write}s the name of an entry's {@code position}-th feature. */
    void writeAt(StateCodec.Writer out, int position, String name) {
      if (position < byPosition.length && byPosition[position] == name) {
        out.putVarInt(numberByPosition[position]);
        return;
      }
      write(out, name);
      if (name != null) {
        if (position >= byPosition.length) {
          byPosition = Arrays.copyOf(byPosition, Math.max(16, 2 * position + 1));
          numberByPosition = Arrays.copyOf(numberByPosition, byPosition.length);
        }
        byPosition[position] = name;
        numberByPosition[position] = numbers.get(name);
      }
    }

    String read(StateCodec.Reader in) {
      if (!numbered) {
        return in.getString();
      }
      int number = in.getVarInt();
      if (number > 0) {
        if (number > strings.size()) {
          throw new IllegalArgumentException("malformed journal batch: string #" + number
              + " before its definition");
        }
        return strings.get(number - 1);
      }
      String s = in.getNullableString();
      if (s != null) {
        strings.add(s);
      }
      return s;
    }

    String readVersion(StateCodec.Reader in) {
      return numbered ? read(in) : in.getNullableString();
    }
  }

  /** The entries of one journal record: a batch, or a single entry. */
  static List<JournalEntry> decodeAll(byte[] bytes) {
    StateCodec.Reader in = new StateCodec.Reader(bytes);
    if (bytes.length > 0 && bytes[0] == BATCH) {
      in.getByte();
      Names names = Names.forReading();
      List<JournalEntry> entries = new ArrayList<>();
      while (in.hasRemaining()) {
        entries.add(read(in, names));
      }
      return entries;
    }
    return List.of(read(in, Names.unnumbered()));
  }

  private static JournalEntry read(StateCodec.Reader in, Names names) {
    int kind = in.getByte();
    long seq = in.getLong();
    if (kind == LABEL) {
      return new Label(seq, in.getValue(), in.getValue());
    }
    if (kind != PREDICTION) {
      throw new IllegalArgumentException("unknown journal entry kind " + kind);
    }
    long timestamp = in.getLong();
    Outcome outcome = Outcome.values()[in.getByte()];
    String error = in.getNullableString();
    String version = names.readVersion(in);
    long latency = in.getLong();
    Object prediction = in.getValue();
    int n = names.numbered ? in.getVarInt() : in.getInt();
    String[] featureNames = new String[n];
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      featureNames[i] = names.read(in);
      values[i] = in.getValue();
    }
    return new Prediction(seq, timestamp, outcome, error, version,
        latency == Long.MIN_VALUE ? null : latency, prediction,
        new FeatureValues(featureNames, values, n));
  }
}
