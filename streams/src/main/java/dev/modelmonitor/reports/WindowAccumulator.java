package dev.modelmonitor.reports;

import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one model's window has seen, as mergeable profiles: event and outcome counts, error
 * types, model versions, latency, a profile per feature and of the prediction, and the performance
 * pairs of joined labels. Stored as parts ({@link #header()}, one entry per profile) so that no
 * single state record grows with the number of features.
 *
 * <p>{@code seq} numbers the journal entries applied ({@link JournalEntry}); {@code foldedSeq} is
 * the last one whose effect the stored parts hold.
 */
final class WindowAccumulator {
  private static final int MAX_VERSIONS = 20;
  private static final int MAX_IGNORED_NAMES = 20;
  private static final Outcome[] OUTCOMES = Outcome.values();

  private final WindowKey key;
  private final long end;
  private final long emitAt;
  private final boolean labelsJoined;
  private final int maxFeatures;
  private final int maxClasses;
  private long seq;
  private long foldedSeq;
  private long events;
  private final long[] outcomes = new long[OUTCOMES.length];
  private CategoricalProfile errorTypes;
  private CategoricalProfile versions = CategoricalProfile.create(MAX_VERSIONS);
  private NumericProfile latencyMs = NumericProfile.create();
  private long firstEvent = Long.MAX_VALUE;
  private long lastEvent = Long.MIN_VALUE;
  private final Map<String, Slot> features = new LinkedHashMap<>();
  private final Set<String> withoutValues = new LinkedHashSet<>();
  private Slot prediction;
  private PerformanceAccumulator performance;
  private long ignoredFeatureValues;
  private final Set<String> ignoredFeatures = new LinkedHashSet<>();
  // Not stored: derived from the reference when the window is opened or read back.
  private ProfileFactory factory;
  // Not stored: the slots of the last event's features by position. A model's events name their
  // features in the same order, each name the same String (the decoder decodes it once), so this
  // saves a map lookup per feature.
  private String[] namesByPosition = new String[0];
  private Slot[] slotsByPosition = new Slot[0];

  /** A profile with the journal entry that last changed it. */
  private static final class Slot {
    final Profile profile;
    long changedAt;

    Slot(Profile profile, long changedAt) {
      this.profile = profile;
      this.changedAt = changedAt;
    }
  }

  /** Makes the empty profiles of a window: shaped like the reference's, or by the first value. */
  interface ProfileFactory {
    /** An empty profile for {@code feature}, or null when {@code firstValue} says nothing. */
    Profile feature(String feature, Object firstValue);

    /** An empty profile for the prediction, or null when {@code firstValue} says nothing. */
    Profile prediction(Object firstValue);
  }

  WindowAccumulator(WindowKey key, long end, long emitAt, boolean labelsJoined,
      ReportsSettings settings) {
    this.key = key;
    this.end = end;
    this.emitAt = emitAt;
    this.labelsJoined = labelsJoined;
    this.maxFeatures = settings.maxFeatures();
    this.maxClasses = settings.maxClasses();
    this.errorTypes = CategoricalProfile.create(settings.maxErrorTypes());
    this.performance = new PerformanceAccumulator(maxClasses);
  }

  // ---------------------------------------------------------------------------------------------
  // Applying journal entries (live and on replay: the same code)

  /** Sets how this window makes the profiles of features it has not seen yet. */
  void useFactory(ProfileFactory factory) {
    this.factory = factory;
  }

  void applyPrediction(JournalEntry.Prediction p) {
    seq = p.seq();
    events++;
    firstEvent = Math.min(firstEvent, p.timestamp());
    lastEvent = Math.max(lastEvent, p.timestamp());
    outcomes[p.outcome().ordinal()]++;
    if (p.outcome() != Outcome.OK) {
      errorTypes.update(p.error() == null ? "(unspecified)" : p.error());
    }
    versions.update(p.modelVersion());
    if (p.latencyMicros() != null) {
      latencyMs.update(p.latencyMicros() / 1000.0);
    }
    if (p.features() instanceof FeatureValues f) {
      if (slotsByPosition.length < f.size()) {
        namesByPosition = Arrays.copyOf(namesByPosition, f.size());
        slotsByPosition = Arrays.copyOf(slotsByPosition, f.size());
      }
      for (int i = 0; i < f.size(); i++) {
        String name = f.name(i);
        Slot slot = namesByPosition[i] == name ? slotsByPosition[i] : null;
        if (slot == null) {
          slot = slotOf(name, f.value(i));
          if (slot == null) {
            continue;
          }
          namesByPosition[i] = name;
          slotsByPosition[i] = slot;
        }
        if (f.isNumber(i) && slot.profile instanceof NumericProfile numeric) {
          numeric.update(f.number(i));
        } else {
          slot.profile.updateValue(f.value(i));
        }
        slot.changedAt = seq;
      }
    } else {
      for (Map.Entry<String, Object> e : p.features().entrySet()) {
        applyFeature(e.getKey(), e.getValue());
      }
    }
    if (prediction == null) {
      Profile profile = factory.prediction(p.prediction());
      if (profile != null) {
        prediction = new Slot(profile, seq);
      }
    }
    if (prediction != null) {
      prediction.profile.updateValue(p.prediction());
      prediction.changedAt = seq;
    }
  }

  private void applyFeature(String name, Object value) {
    Slot slot = slotOf(name, value);
    if (slot != null) {
      slot.profile.updateValue(value);
      slot.changedAt = seq;
    }
  }

  /** The feature's slot, made on its first value; null when it gets no profile. */
  private Slot slotOf(String name, Object value) {
    Slot slot = features.get(name);
    return slot != null ? slot : newFeature(name, value);
  }

  private Slot newFeature(String name, Object value) {
    if (features.size() >= maxFeatures) {
      ignoredFeatureValues++;
      if (ignoredFeatures.size() < MAX_IGNORED_NAMES) {
        ignoredFeatures.add(name);
      }
      return null;
    }
    Profile profile = factory.feature(name, value);
    if (profile == null) {
      withoutValues.add(name);
      return null;
    }
    withoutValues.remove(name);
    Slot slot = new Slot(profile, seq);
    features.put(name, slot);
    return slot;
  }

  void applyLabel(JournalEntry.Label l) {
    seq = l.seq();
    performance.add(l.predicted(), l.actual());
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  WindowKey key() {
    return key;
  }

  long start() {
    return key.start();
  }

  long end() {
    return end;
  }

  long emitAt() {
    return emitAt;
  }

  boolean labelsJoined() {
    return labelsJoined;
  }

  long seq() {
    return seq;
  }

  long foldedSeq() {
    return foldedSeq;
  }

  long events() {
    return events;
  }

  long outcomeCount(Outcome outcome) {
    return outcomes[outcome.ordinal()];
  }

  CategoricalProfile errorTypes() {
    return errorTypes;
  }

  CategoricalProfile versions() {
    return versions;
  }

  NumericProfile latencyMs() {
    return latencyMs;
  }

  long firstEvent() {
    return firstEvent;
  }

  long lastEvent() {
    return lastEvent;
  }

  /** Feature profiles in order of first appearance. */
  Map<String, Profile> features() {
    Map<String, Profile> out = new LinkedHashMap<>();
    features.forEach((name, slot) -> out.put(name, slot.profile));
    return Collections.unmodifiableMap(out);
  }

  /** Features seen only without a value and not in the reference (their type is unknown). */
  Set<String> featuresWithoutValues() {
    return Collections.unmodifiableSet(withoutValues);
  }

  Profile prediction() {
    return prediction == null ? null : prediction.profile;
  }

  PerformanceAccumulator performance() {
    return performance;
  }

  long ignoredFeatureValues() {
    return ignoredFeatureValues;
  }

  Set<String> ignoredFeatures() {
    return Collections.unmodifiableSet(ignoredFeatures);
  }

  // ---------------------------------------------------------------------------------------------
  // Parts: the header and one entry per profile

  /** The parts changed since the last fold: header always, profiles changed after it. */
  List<Map.Entry<String, Profile>> changedProfiles() {
    List<Map.Entry<String, Profile>> changed = new ArrayList<>();
    for (Map.Entry<String, Slot> e : features.entrySet()) {
      if (e.getValue().changedAt > foldedSeq) {
        changed.add(Map.entry(e.getKey(), e.getValue().profile));
      }
    }
    return changed;
  }

  boolean predictionChanged() {
    return prediction != null && prediction.changedAt > foldedSeq;
  }

  /** Marks everything applied so far as stored. */
  void folded() {
    foldedSeq = seq;
  }

  byte[] header() {
    StateCodec.Writer out = new StateCodec.Writer(256);
    out.putByte(1); // layout version
    out.putLong(end).putLong(emitAt).putByte(labelsJoined ? 1 : 0);
    out.putLong(seq).putLong(events).putLong(firstEvent).putLong(lastEvent);
    out.putInt(outcomes.length);
    for (long c : outcomes) {
      out.putLong(c);
    }
    out.putBytes(errorTypes.toBytes()).putBytes(versions.toBytes()).putBytes(latencyMs.toBytes());
    performance.write(out);
    out.putInt(features.size());
    for (String name : features.keySet()) {
      out.putString(name);
    }
    out.putInt(withoutValues.size());
    for (String name : withoutValues) {
      out.putString(name);
    }
    out.putByte(prediction != null ? 1 : 0);
    out.putLong(ignoredFeatureValues).putInt(ignoredFeatures.size());
    for (String name : ignoredFeatures) {
      out.putString(name);
    }
    return out.toByteArray();
  }

  /** Reads the parts back, as of the last fold; the journal since then is replayed by the caller. */
  static WindowAccumulator read(WindowKey key, byte[] header, PartReader parts,
      ReportsSettings settings) {
    StateCodec.Reader in = new StateCodec.Reader(header);
    int version = in.getByte();
    if (version != 1) {
      throw new IllegalArgumentException("unknown window state layout " + version);
    }
    long end = in.getLong();
    long emitAt = in.getLong();
    boolean labelsJoined = in.getByte() == 1;
    WindowAccumulator w = new WindowAccumulator(key, end, emitAt, labelsJoined, settings);
    w.seq = in.getLong();
    w.foldedSeq = w.seq;
    w.events = in.getLong();
    w.firstEvent = in.getLong();
    w.lastEvent = in.getLong();
    int n = in.getInt();
    for (int i = 0; i < n; i++) {
      w.outcomes[i] = in.getLong();
    }
    w.errorTypes = CategoricalProfile.fromBytes(in.getBytes());
    w.versions = CategoricalProfile.fromBytes(in.getBytes());
    w.latencyMs = NumericProfile.fromBytes(in.getBytes());
    w.performance = PerformanceAccumulator.read(in, settings.maxClasses());
    int featureCount = in.getInt();
    for (int i = 0; i < featureCount; i++) {
      String name = in.getString();
      byte[] bytes = parts.feature(name);
      if (bytes == null) {
        throw new IllegalStateException("window " + key + ": no stored profile of " + name);
      }
      w.features.put(name, new Slot(Profile.fromBytes(bytes), w.seq));
    }
    int without = in.getInt();
    for (int i = 0; i < without; i++) {
      w.withoutValues.add(in.getString());
    }
    if (in.getByte() == 1) {
      byte[] bytes = parts.prediction();
      if (bytes == null) {
        throw new IllegalStateException("window " + key + ": no stored prediction profile");
      }
      w.prediction = new Slot(Profile.fromBytes(bytes), w.seq);
    }
    w.ignoredFeatureValues = in.getLong();
    int ignored = in.getInt();
    for (int i = 0; i < ignored; i++) {
      w.ignoredFeatures.add(in.getString());
    }
    return w;
  }

  /** Reads a window's profile parts from the store. */
  interface PartReader {
    byte[] feature(String name);

    byte[] prediction();
  }

  /** Emit time in the header only, for rebuilding the schedule without decoding profiles. */
  static long emitAtOf(byte[] header) {
    StateCodec.Reader in = new StateCodec.Reader(header);
    in.getByte();
    in.getLong();
    return in.getLong();
  }

  /** Whether labels are joined, from the header only, as {@link #emitAtOf}. */
  static boolean labelsJoinedOf(byte[] header) {
    StateCodec.Reader in = new StateCodec.Reader(header);
    in.getByte();
    in.getLong();
    in.getLong();
    return in.getByte() == 1;
  }

  @Override
  public String toString() {
    return "WindowAccumulator{" + key + ", events=" + events + ", seq=" + seq + ", folded="
        + foldedSeq + "}";
  }
}
