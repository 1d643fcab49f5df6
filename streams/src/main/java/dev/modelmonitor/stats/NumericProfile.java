package dev.modelmonitor.stats;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureType;
import dev.modelmonitor.schema.QuantileValue;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The profile of a numeric feature: counts, mean and population variance (Welford's update,
 * merged with Chan et al.'s parallel formula), min and max, counts on fixed bin edges, and the
 * distribution itself — kept exactly, as the distinct values with their counts, while there are
 * at most {@link #valueLimit()} distinct values, and as a KLL doubles sketch (parameter
 * {@link #sketchK()}) once there are more. So a sample of at most {@code valueLimit} values is
 * always exact, and so is any sample of few distinct values (counts, hours, rounded readings),
 * however large. Whether a profile is exact depends only on the set of values it has seen, not on
 * their order or on how profiles were merged.
 *
 * <p>{@link #update(double)} does not box and allocates only when the value store grows (doubling
 * up to the value limit, once when switching to the sketch, and in the sketch's rare level
 * additions). Values for the sketch wait in a {@link SketchBatch} and go in sorted, which costs
 * the sketch about two thirds of taking them one by one; every read of the sketch feeds it first,
 * so a read changes a sketched profile too (no profile is thread-safe). NaN counts as missing; an
 * infinite value as a type mismatch; -0.0 as 0.0.
 */
public final class NumericProfile implements Profile {
  /** KLL accuracy parameter when none is given: rank error about 1.3% at 99% confidence. */
  public static final int DEFAULT_SKETCH_K = 200;

  /** Distinct values kept exactly when no limit is given. */
  public static final int DEFAULT_VALUE_LIMIT = 1_000;

  /** Quantile ranks published in the Avro form. */
  static final double[] PUBLISHED_RANKS = {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};

  private static final int MIN_SKETCH_K = 8;
  private static final long REPEATED_UPDATES = 64;
  private static final int MAX_SKETCH_K = 65_535;
  private static final byte MODE_VALUES = 0;
  private static final byte MODE_SKETCH = 1;

  private final int sketchK;
  private final int valueLimit;
  private final double[] edges;
  private final long[] binCounts;
  private long count;
  private long missing;
  private long typeMismatches;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  // Exactly one of the two is non-null: values while at most valueLimit distinct, then the sketch.
  private ValueCounts values;
  private KllDoublesSketch sketch;
  // Values for the sketch not in it yet: read the sketch through sketch(). Null when none.
  private SketchBatch batch;

  private NumericProfile(double[] edges, int sketchK, int valueLimit) {
    if (sketchK < MIN_SKETCH_K || sketchK > MAX_SKETCH_K) {
      throw new IllegalArgumentException("sketchK must be in [" + MIN_SKETCH_K + ", "
          + MAX_SKETCH_K + "] but was " + sketchK);
    }
    if (valueLimit < 0) {
      throw new IllegalArgumentException("valueLimit must be >= 0 but was " + valueLimit);
    }
    this.edges = BinEdges.validated(edges);
    this.binCounts = new long[this.edges.length + 1];
    this.sketchK = sketchK;
    this.valueLimit = valueLimit;
    this.values = new ValueCounts(valueLimit);
  }

  /** An empty profile without bin edges (one bin), with the default limits. */
  public static NumericProfile create() {
    return create(new double[0]);
  }

  /** An empty profile that counts on {@code edges} (a reference's), with the default limits. */
  public static NumericProfile create(double[] edges) {
    return create(edges, DEFAULT_SKETCH_K, DEFAULT_VALUE_LIMIT);
  }

  /**
   * An empty profile.
   *
   * @param edges finite, strictly increasing bin edges e1..ek (possibly none): bins are (-inf,
   *     e1], (e1, e2], ..., (ek, +inf)
   * @param sketchK the KLL accuracy parameter, 8..65535
   * @param valueLimit values are kept exactly while there are at most this many distinct ones
   */
  public static NumericProfile create(double[] edges, int sketchK, int valueLimit) {
    return new NumericProfile(Objects.requireNonNull(edges, "edges"), sketchK, valueLimit);
  }

  // ---------------------------------------------------------------------------------------------
  // Updates

  /** Adds one value; NaN is missing, an infinity a type mismatch. */
  public void update(double value) {
    if (Double.isNaN(value)) {
      missing++;
      return;
    }
    if (Double.isInfinite(value)) {
      missing++;
      typeMismatches++;
      return;
    }
    if (value == 0.0) {
      value = 0.0; // one zero, whatever its sign
    }
    count++;
    double delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
    binCounts[BinEdges.binOf(edges, value)]++;
    if (values != null) {
      if (values.add(value, 1)) {
        return;
      }
      switchToSketch();
    }
    if (batch == null) {
      batch = new SketchBatch();
    }
    batch.add(value, sketch);
  }

  /**
   * Adds a value from an event: any {@link Number} is a value, {@code null} is missing, anything
   * else (a string, a boolean) is a type mismatch.
   */
  @Override
  public void updateValue(Object value) {
    if (value instanceof Double d) {
      update(d.doubleValue());
    } else if (value instanceof Number n) {
      update(n.doubleValue());
    } else if (value == null) {
      missing++;
    } else {
      updateTypeMismatch();
    }
  }

  @Override
  public void updateMissing() {
    missing++;
  }

  @Override
  public void updateTypeMismatch() {
    missing++;
    typeMismatches++;
  }

  /**
   * The sketch with every value so far in it; null while the values are kept. The batch goes
   * with the read: a profile read (folded, reported, merged) holds no batch until it is updated
   * again, so windows that only wait keep no batch.
   */
  private KllDoublesSketch sketch() {
    if (batch != null) {
      batch.feedTo(sketch);
      batch = null;
    }
    return sketch;
  }

  private void switchToSketch() {
    sketch = KllDoublesSketch.newHeapInstance(sketchK);
    feed(values, sketch);
    values = null;
  }

  // ---------------------------------------------------------------------------------------------
  // Merging

  private static void feed(ValueCounts sample, KllDoublesSketch sketch) {
    if (sample.total() == sample.distinct()) {
      // Every value once, as in a continuous feature's window: one bulk update, which copies the
      // sorted values into the sketch's buffer instead of taking them one call at a time.
      double[] values = sample.distinctValues();
      sketch.update(values, 0, values.length);
      return;
    }
    for (int i = 0; i < sample.distinct(); i++) {
      long count = sample.count(i);
      if (count <= REPEATED_UPDATES) {
        // KLL's weighted update builds a temporary sketch per call, far slower than a few updates.
        for (long c = 0; c < count; c++) {
          sketch.update(sample.value(i));
        }
      } else {
        sketch.update(sample.value(i), count);
      }
    }
  }

  /**
   * Adds everything {@code other} has seen. Bin edges must be equal. Mean and variance use Chan
   * et al.'s pairwise update; the values stay exact while their distinct values fit this
   * profile's limit.
   */
  public NumericProfile mergeFrom(NumericProfile other) {
    if (other == this) {
      return mergeFrom(other.copy());
    }
    if (!Arrays.equals(edges, other.edges)) {
      throw new IllegalArgumentException("cannot merge profiles with different bin edges "
          + Arrays.toString(edges) + " and " + Arrays.toString(other.edges));
    }
    missing += other.missing;
    typeMismatches += other.typeMismatches;
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      mean = other.mean;
      m2 = other.m2;
    } else {
      long total = count + other.count;
      double delta = other.mean - mean;
      mean += delta * ((double) other.count / total);
      m2 += other.m2 + delta * delta * ((double) count * other.count / total);
    }
    count += other.count;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    for (int i = 0; i < binCounts.length; i++) {
      binCounts[i] += other.binCounts[i];
    }
    if (values != null && other.values != null) {
      ValueCounts union = values.union(other.values, valueLimit);
      if (union != null) {
        values = union;
        return this;
      }
    }
    if (values != null) {
      switchToSketch();
    }
    if (other.values != null) {
      feed(other.values, sketch);
    } else {
      sketch().merge(other.sketch());
    }
    return this;
  }

  /** A new profile of the values of both; neither argument changes. */
  public static NumericProfile merge(NumericProfile a, NumericProfile b) {
    return a.copy().mergeFrom(b);
  }

  @Override
  public NumericProfile copy() {
    NumericProfile copy = new NumericProfile(edges, sketchK, valueLimit);
    copy.copyStateFrom(this);
    System.arraycopy(binCounts, 0, copy.binCounts, 0, binCounts.length);
    return copy;
  }

  private void copyStateFrom(NumericProfile source) {
    count = source.count;
    missing = source.missing;
    typeMismatches = source.typeMismatches;
    mean = source.mean;
    m2 = source.m2;
    min = source.min;
    max = source.max;
    if (source.values != null) {
      values = source.values.copy();
      sketch = null;
    } else {
      values = null;
      sketch = KllDoublesSketch.heapify(Memory.wrap(source.sketch().toByteArray()));
    }
  }

  @Override
  public NumericProfile emptyLike() {
    return new NumericProfile(edges, sketchK, valueLimit);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  @Override
  public FeatureType type() {
    return FeatureType.NUMERIC;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long missing() {
    return missing;
  }

  @Override
  public long typeMismatches() {
    return typeMismatches;
  }

  /** Mean of the values; NaN without values. */
  public double mean() {
    return count == 0 ? Double.NaN : mean;
  }

  /** Population variance (ddof = 0); NaN without values. */
  public double variance() {
    return count == 0 ? Double.NaN : Math.max(0.0, m2 / count);
  }

  /** Population standard deviation (ddof = 0); NaN without values. */
  public double std() {
    return Math.sqrt(variance());
  }

  /** Smallest value; NaN without values. */
  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  /** Largest value; NaN without values. */
  public double max() {
    return count == 0 ? Double.NaN : max;
  }

  /** The bin edges this profile counts on (a copy). */
  public double[] binEdges() {
    return edges.clone();
  }

  /** Counts per bin, one more than {@link #binEdges()} (a copy). */
  public long[] binCounts() {
    return binCounts.clone();
  }

  /** Whether the values are kept exactly, so that quantiles, KS and Wasserstein are exact. */
  public boolean keepsValues() {
    return values != null;
  }

  /** The distinct values, ascending (a copy); see {@link #keepsValues()}. */
  public double[] distinctValues() {
    return keptValues().distinctValues();
  }

  /** How often each of {@link #distinctValues()} occurred (a copy). */
  public long[] distinctValueCounts() {
    return keptValues().multiplicities();
  }

  private ValueCounts keptValues() {
    if (values == null) {
      throw new IllegalStateException("more than " + valueLimit + " distinct values: only the "
          + "sketch is kept (check keepsValues())");
    }
    return values;
  }

  public int sketchK() {
    return sketchK;
  }

  public int valueLimit() {
    return valueLimit;
  }

  /**
   * The value at normalized rank {@code rank} in [0, 1]: numpy's linear interpolation when the
   * values are kept; otherwise the sketch's inclusive quantile (whose rank is within the
   * sketch's rank error). NaN without values.
   */
  public double quantile(double rank) {
    if (rank < 0 || rank > 1 || Double.isNaN(rank)) {
      throw new IllegalArgumentException("rank must be in [0, 1] but was " + rank);
    }
    if (count == 0) {
      return Double.NaN;
    }
    if (values != null) {
      return values.quantile(rank);
    }
    return sketch().getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
  }

  /**
   * The share of values below {@code low} or above {@code high} (for the data-quality share
   * outside the reference range): exact when the values are kept, else from the sketch. NaN
   * without values.
   */
  public double fractionOutside(double low, double high) {
    if (count == 0) {
      return Double.NaN;
    }
    if (values != null) {
      long outside = 0;
      for (int i = 0; i < values.distinct(); i++) {
        if (values.value(i) < low || values.value(i) > high) {
          outside += values.count(i);
        }
      }
      return (double) outside / count;
    }
    double below = sketch().getRank(low, QuantileSearchCriteria.EXCLUSIVE);
    double atOrBelowHigh = sketch().getRank(high, QuantileSearchCriteria.INCLUSIVE);
    return Math.min(1.0, Math.max(0.0, below + (1.0 - atOrBelowHigh)));
  }

  /** The empirical distribution: exact from the values, else from the sketch. */
  StepDistribution distribution() {
    if (values != null) {
      return StepDistribution.of(values);
    }
    return StepDistribution.ofSketch(sketch());
  }

  /** Counts on other edges: exact from the kept values, otherwise estimated from the sketch. */
  Binned binnedOn(double[] otherEdges) {
    if (Arrays.equals(edges, otherEdges)) {
      return new Binned(binCounts.clone(), true);
    }
    long[] counts = new long[otherEdges.length + 1];
    if (values != null) {
      for (int i = 0; i < values.distinct(); i++) {
        counts[BinEdges.binOf(otherEdges, values.value(i))] += values.count(i);
      }
      return new Binned(counts, true);
    }
    return new Binned(estimatedCounts(sketch(), otherEdges, count), false);
  }

  /** Counts per bin estimated from a sketch's CDF at the edges, rounded to sum to n. */
  static long[] estimatedCounts(KllDoublesSketch sketch, double[] edges, long n) {
    long[] counts = new long[edges.length + 1];
    if (edges.length == 0) {
      counts[0] = n;
      return counts;
    }
    double[] cdf = sketch.getCDF(edges, QuantileSearchCriteria.INCLUSIVE);
    long previous = 0;
    for (int i = 0; i < edges.length; i++) {
      long cumulative = Math.round(cdf[i] * n);
      counts[i] = Math.max(0, cumulative - previous);
      previous = Math.max(previous, cumulative);
    }
    counts[edges.length] = Math.max(0, n - previous);
    return counts;
  }

  /** A copy of this profile that counts on other edges, with the given counts on them. */
  NumericProfile withBins(double[] newEdges, long[] newCounts) {
    NumericProfile copy = new NumericProfile(newEdges, sketchK, valueLimit);
    if (newCounts.length != copy.binCounts.length) {
      throw new IllegalArgumentException(newCounts.length + " bin counts for "
          + newEdges.length + " edges");
    }
    copy.copyStateFrom(this);
    System.arraycopy(newCounts, 0, copy.binCounts, 0, newCounts.length);
    return copy;
  }

  /** Bin counts with whether they are exact. */
  record Binned(long[] counts, boolean exact) {}

  KllDoublesSketch sketchOrNull() {
    return sketch();
  }

  ValueCounts valuesOrNull() {
    return values;
  }

  // ---------------------------------------------------------------------------------------------
  // Binary form

  @Override
  public byte[] toBytes() {
    byte[] sketchBytes = sketch == null ? null : sketch().toByteArray();
    int size = 4 + 4 + 3 * 8 + 4 * 8 + 4 + edges.length * 8 + binCounts.length * 8 + 1 + 4
        + (sketchBytes == null ? values.distinct() * 16 : sketchBytes.length);
    ByteBuffer buffer = ProfileFormat.header(size, ProfileFormat.NUMERIC);
    buffer.putInt(sketchK).putInt(valueLimit);
    buffer.putLong(count).putLong(missing).putLong(typeMismatches);
    buffer.putDouble(mean).putDouble(m2).putDouble(min).putDouble(max);
    buffer.putInt(edges.length);
    for (double edge : edges) {
      buffer.putDouble(edge);
    }
    for (long c : binCounts) {
      buffer.putLong(c);
    }
    if (sketchBytes == null) {
      buffer.put(MODE_VALUES).putInt(values.distinct());
      for (int i = 0; i < values.distinct(); i++) {
        buffer.putDouble(values.value(i)).putLong(values.count(i));
      }
    } else {
      buffer.put(MODE_SKETCH).putInt(sketchBytes.length).put(sketchBytes);
    }
    return buffer.array();
  }

  /** Reads {@link #toBytes()} output. */
  public static NumericProfile fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte kind = ProfileFormat.readHeader(buffer);
    if (kind != ProfileFormat.NUMERIC) {
      throw new IllegalArgumentException("not a numeric profile: kind " + kind);
    }
    return read(buffer);
  }

  static NumericProfile read(ByteBuffer buffer) {
    try {
      int k = buffer.getInt();
      int limit = buffer.getInt();
      long count = buffer.getLong();
      long missing = buffer.getLong();
      long mismatches = buffer.getLong();
      double mean = buffer.getDouble();
      double m2 = buffer.getDouble();
      double min = buffer.getDouble();
      double max = buffer.getDouble();
      double[] edges = new double[checkedLength(buffer.getInt(), buffer, 8)];
      for (int i = 0; i < edges.length; i++) {
        edges[i] = buffer.getDouble();
      }
      NumericProfile profile = new NumericProfile(edges, k, limit);
      for (int i = 0; i < profile.binCounts.length; i++) {
        profile.binCounts[i] = buffer.getLong();
      }
      profile.count = count;
      profile.missing = missing;
      profile.typeMismatches = mismatches;
      profile.mean = mean;
      profile.m2 = m2;
      profile.min = min;
      profile.max = max;
      byte mode = buffer.get();
      int length = checkedLength(buffer.getInt(), buffer, mode == MODE_VALUES ? 16 : 1);
      if (mode == MODE_VALUES) {
        double[] distinct = new double[length];
        long[] counts = new long[length];
        for (int i = 0; i < length; i++) {
          distinct[i] = buffer.getDouble();
          counts[i] = buffer.getLong();
        }
        profile.values = ValueCounts.of(distinct, counts, limit);
      } else if (mode == MODE_SKETCH) {
        byte[] sketchBytes = new byte[length];
        buffer.get(sketchBytes);
        profile.values = null;
        profile.sketch = KllDoublesSketch.heapify(Memory.wrap(sketchBytes));
      } else {
        throw new IllegalArgumentException("unknown numeric profile mode " + mode);
      }
      return profile;
    } catch (BufferUnderflowException e) {
      throw ProfileFormat.truncated(e);
    }
  }

  private static int checkedLength(int length, ByteBuffer buffer, int itemBytes) {
    if (length < 0 || (long) length * itemBytes > buffer.remaining()) {
      throw new IllegalArgumentException("profile bytes truncated or corrupt: length " + length);
    }
    return length;
  }

  // ---------------------------------------------------------------------------------------------
  // Avro form

  /**
   * The Avro form: std is the population std; quantiles at {@link #PUBLISHED_RANKS}; then the
   * distribution, exactly one of: all values sorted (when the count is within the value limit),
   * the distinct values with {@code valueCounts} (when only the distinct values are), or the
   * serialized sketch.
   */
  @Override
  public FeatureProfile toAvro(String name) {
    return avro(name, true);
  }

  /** The Avro form without the values, value counts and sketch: no boxing, no serializing. */
  @Override
  public FeatureProfile summaryToAvro(String name) {
    return avro(name, false);
  }

  private FeatureProfile avro(String name, boolean withSample) {
    List<QuantileValue> quantiles = new ArrayList<>();
    if (count > 0) {
      for (double rank : PUBLISHED_RANKS) {
        quantiles.add(new QuantileValue(rank, quantile(rank)));
      }
    }
    List<Double> valueList = new ArrayList<>();
    List<Long> valueCountList = new ArrayList<>();
    if (withSample && values != null && count <= valueLimit) {
      for (double v : values.expanded()) {
        valueList.add(v);
      }
    } else if (withSample && values != null) {
      for (int i = 0; i < values.distinct(); i++) {
        valueList.add(values.value(i));
        valueCountList.add(values.count(i));
      }
    }
    return FeatureProfile.newBuilder()
        .setName(name)
        .setType(FeatureType.NUMERIC)
        .setCount(count)
        .setMissing(missing)
        .setTypeMismatches(typeMismatches)
        .setMean(count > 0 ? mean : null)
        .setStd(count > 0 ? std() : null)
        .setMin(count > 0 ? min : null)
        .setMax(count > 0 ? max : null)
        .setQuantiles(quantiles)
        .setBinEdges(Arrays.stream(edges).boxed().toList())
        .setBinCounts(Arrays.stream(binCounts).boxed().toList())
        .setCategories(Map.of())
        .setOtherCount(0L)
        .setValues(valueList)
        .setValueCounts(valueCountList)
        .setSketch(sketch == null || !withSample ? null
            : ByteBuffer.wrap(sketch().toByteArray()))
        .build();
  }

  /**
   * Reads the Avro form. The variance comes back from the std, so it equals the original to
   * within rounding (about 1e-16 relative), not bit for bit; the std itself round-trips exactly.
   * The value limit is the default or the number of distinct values carried, whichever is
   * larger; the sketch parameter is the sketch's (the default without one). Bin counts may be
   * omitted when the values are given.
   *
   * @throws IllegalArgumentException naming the feature when the record is inconsistent
   */
  public static NumericProfile fromAvro(FeatureProfile avro) {
    String feature = avro.getName();
    if (avro.getType() != FeatureType.NUMERIC) {
      throw new IllegalArgumentException("feature " + feature + " is " + avro.getType()
          + ", not NUMERIC");
    }
    long count = avro.getCount();
    ValueCounts kept = null;
    KllDoublesSketch sketch = null;
    if (!avro.getValues().isEmpty() || avro.getSketch() == null) {
      kept = keptFromAvro(avro);
      if (kept.total() != count) {
        throw new IllegalArgumentException("feature " + feature + ": count is " + count
            + " but the values given number " + kept.total() + (avro.getSketch() == null
            ? "; a numeric profile needs its values or its sketch" : ""));
      }
    } else {
      ByteBuffer sketchBytes = avro.getSketch().duplicate();
      byte[] bytes = new byte[sketchBytes.remaining()];
      sketchBytes.get(bytes);
      sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
      if (sketch.getN() != count) {
        throw new IllegalArgumentException("feature " + feature + ": sketch holds "
            + sketch.getN() + " values but count is " + count);
      }
    }
    double[] edges = avro.getBinEdges().stream().mapToDouble(Double::doubleValue).toArray();
    NumericProfile profile = new NumericProfile(edges,
        sketch == null ? DEFAULT_SKETCH_K : sketch.getK(),
        Math.max(DEFAULT_VALUE_LIMIT, kept == null ? 0 : kept.distinct()));
    List<Long> counts = avro.getBinCounts();
    if (counts.isEmpty() && kept != null) {
      // Bin counts omitted: they follow from the values.
      for (int i = 0; i < kept.distinct(); i++) {
        profile.binCounts[BinEdges.binOf(profile.edges, kept.value(i))] += kept.count(i);
      }
    } else if (!(counts.isEmpty() && count == 0)) {
      if (counts.size() != profile.binCounts.length) {
        throw new IllegalArgumentException("feature " + feature + ": " + counts.size()
            + " bin counts for " + edges.length + " edges (need edges + 1)");
      }
      for (int i = 0; i < counts.size(); i++) {
        profile.binCounts[i] = counts.get(i);
      }
    }
    profile.count = count;
    profile.missing = avro.getMissing();
    profile.typeMismatches = avro.getTypeMismatches();
    if (count > 0) {
      if (avro.getMean() == null || avro.getStd() == null || avro.getMin() == null
          || avro.getMax() == null) {
        throw new IllegalArgumentException("feature " + feature
            + ": mean, std, min and max are required when count > 0");
      }
      profile.mean = avro.getMean();
      profile.m2 = sumOfSquaresFor(avro.getStd(), count);
      profile.min = avro.getMin();
      profile.max = avro.getMax();
    }
    profile.values = kept;
    profile.sketch = sketch;
    return profile;
  }

  /**
   * The sum of squared deviations whose population std is {@code std}: std^2 n, nudged by a few
   * ulps where rounding would otherwise publish a std one ulp off after a round trip.
   */
  private static double sumOfSquaresFor(double std, long count) {
    double m2 = std * std * count;
    for (int step = 0; step < 8 && Math.sqrt(m2 / count) != std; step++) {
      m2 = Math.sqrt(m2 / count) < std ? Math.nextUp(m2) : Math.nextDown(m2);
    }
    return m2;
  }

  private static ValueCounts keptFromAvro(FeatureProfile avro) {
    List<Double> list = avro.getValues();
    List<Long> multiplicities = avro.getValueCounts();
    if (!multiplicities.isEmpty()) {
      if (multiplicities.size() != list.size()) {
        throw new IllegalArgumentException("feature " + avro.getName() + ": " + list.size()
            + " distinct values but " + multiplicities.size() + " value counts");
      }
      return ValueCounts.of(list.stream().mapToDouble(Double::doubleValue).toArray(),
          multiplicities.stream().mapToLong(Long::longValue).toArray(), DEFAULT_VALUE_LIMIT);
    }
    double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] distinct = new double[sorted.length];
    long[] runs = new long[sorted.length];
    int n = 0;
    for (double v : sorted) {
      if (n > 0 && distinct[n - 1] == v) {
        runs[n - 1]++;
      } else {
        distinct[n] = v;
        runs[n++] = 1;
      }
    }
    return ValueCounts.of(Arrays.copyOf(distinct, n), Arrays.copyOf(runs, n),
        DEFAULT_VALUE_LIMIT);
  }

  // ---------------------------------------------------------------------------------------------

  /** Equal state: counts, moments, extremes, bins, limits and the same values or sketch bytes. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NumericProfile other)) {
      return false;
    }
    return sketchK == other.sketchK
        && valueLimit == other.valueLimit
        && count == other.count
        && missing == other.missing
        && typeMismatches == other.typeMismatches
        && Double.compare(mean, other.mean) == 0
        && Double.compare(m2, other.m2) == 0
        && Double.compare(min, other.min) == 0
        && Double.compare(max, other.max) == 0
        && Arrays.equals(edges, other.edges)
        && Arrays.equals(binCounts, other.binCounts)
        && (values == null) == (other.values == null)
        && (values == null
            ? Arrays.equals(sketch().toByteArray(), other.sketch().toByteArray())
            : values.equals(other.values));
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, missing, mean, min, max, Arrays.hashCode(binCounts));
  }

  @Override
  public String toString() {
    return "NumericProfile{count=" + count + ", missing=" + missing + ", mean=" + mean()
        + ", std=" + std() + ", min=" + min() + ", max=" + max() + ", edges="
        + Arrays.toString(edges) + ", binCounts=" + Arrays.toString(binCounts)
        + (values != null ? ", values kept" : ", sketch k=" + sketchK) + "}";
  }
}
