package dev.modelmonitor.stats;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The profile of a categorical or boolean feature: counts per category with a bounded top K,
 * missing values and type mismatches. A boolean feature is a categorical profile of type
 * {@link FeatureType#BOOLEAN} over the categories "true" and "false".
 *
 * <p><b>The top-K policy.</b> The profile tracks at most 2K categories. When a new category
 * arrives while 2K are tracked, it keeps the K most frequent (ties broken by category name,
 * ascending) and folds the counts of the others into a folded count; the new category then starts
 * at 1. Merging adds the tracked counts and the folded counts and applies the same compaction.
 * The published view ({@link #categoryCounts()}, {@link #toAvro}) is the K most frequent tracked
 * categories; {@link #otherCount()} is the folded count plus the tracked counts beyond those K.
 * The order of updates decides what gets folded, but never the state's dependence on how often
 * it was serialized: bytes carry all tracked categories.
 *
 * <p><b>The error this implies.</b> While at most 2K distinct categories have been seen, every
 * count is exact (also after any merges). Beyond that, every published count is a lower bound of
 * the true count and falls short of it by at most {@link #otherCount()}; a category not
 * published has a true count of at most {@link #otherCount()}. Both bounds hold for merged
 * profiles, with the merged other count. {@link #count()} is always exact.
 */
public final class CategoricalProfile implements Profile {
  /** K when none is given. */
  public static final int DEFAULT_MAX_CATEGORIES = 100;

  static final String TRUE = "true";
  static final String FALSE = "false";
  private static final int CACHED_INTEGERS = 1024;
  private static final String[] INTEGER_NAMES = integerNames();

  private final FeatureType type;
  private final int maxCategories;
  private final HashMap<String, Counter> counts;
  private long count;
  private long missing;
  private long typeMismatches;
  private long folded;

  private CategoricalProfile(FeatureType type, int maxCategories) {
    if (type == FeatureType.NUMERIC) {
      throw new IllegalArgumentException("a categorical profile cannot have type NUMERIC");
    }
    if (maxCategories < 1) {
      throw new IllegalArgumentException("maxCategories must be >= 1 but was " + maxCategories);
    }
    this.type = type;
    this.maxCategories = maxCategories;
    this.counts = new HashMap<>();
  }

  /** An empty categorical profile keeping the top {@value #DEFAULT_MAX_CATEGORIES}. */
  public static CategoricalProfile create() {
    return create(DEFAULT_MAX_CATEGORIES);
  }

  /** An empty categorical profile keeping the top {@code maxCategories}. */
  public static CategoricalProfile create(int maxCategories) {
    return new CategoricalProfile(FeatureType.CATEGORICAL, maxCategories);
  }

  /** An empty boolean profile: categories "true" and "false". */
  public static CategoricalProfile forBooleans() {
    return new CategoricalProfile(FeatureType.BOOLEAN, DEFAULT_MAX_CATEGORIES);
  }

  private static String[] integerNames() {
    String[] names = new String[CACHED_INTEGERS];
    for (int i = 0; i < CACHED_INTEGERS; i++) {
      names[i] = Integer.toString(i).intern();
    }
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // Updates

  /** Adds one value of {@code category}; {@code null} is missing. */
  public void update(String category) {
    if (category == null) {
      missing++;
      return;
    }
    count++;
    Counter counter = counts.get(category);
    if (counter != null) {
      counter.value++;
      return;
    }
    if (counts.size() >= 2 * maxCategories) {
      compact();
    }
    counts.put(category, new Counter(1));
  }

  /** Adds one boolean value, as the category "true" or "false". */
  public void update(boolean value) {
    update(value ? TRUE : FALSE);
  }

  /**
   * Adds a value from an event; {@code null} is missing. A categorical profile takes strings as
   * they are, booleans as "true"/"false", integers in decimal, and doubles with an integral value
   * as that integer (so that 1, 1L and 1.0 are the category "1"; other doubles in Java's
   * {@link Double#toString}). A boolean profile takes booleans, the strings "true"/"false" in any
   * case, and the integers 0 and 1. Anything else is a type mismatch.
   */
  @Override
  public void updateValue(Object value) {
    if (value == null) {
      missing++;
    } else if (type == FeatureType.BOOLEAN) {
      updateBoolean(value);
    } else if (value instanceof String s) {
      update(s);
    } else if (value instanceof Boolean b) {
      update(b.booleanValue());
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      update(integerName(((Number) value).longValue()));
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        update(integerName((long) d));
      } else if (Double.isNaN(d)) {
        missing++;
      } else {
        update(Double.toString(d));
      }
    } else {
      updateTypeMismatch();
    }
  }

  private void updateBoolean(Object value) {
    if (value instanceof Boolean b) {
      update(b.booleanValue());
    } else if (value instanceof String s && (s.equalsIgnoreCase(TRUE)
        || s.equalsIgnoreCase(FALSE))) {
      update(s.equalsIgnoreCase(TRUE));
    } else if ((value instanceof Long || value instanceof Integer)
        && (((Number) value).longValue() == 0 || ((Number) value).longValue() == 1)) {
      update(((Number) value).longValue() == 1);
    } else {
      updateTypeMismatch();
    }
  }

  private static String integerName(long value) {
    return value >= 0 && value < CACHED_INTEGERS ? INTEGER_NAMES[(int) value]
        : Long.toString(value);
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

  /** Keeps the K most frequent tracked categories, folding the rest. */
  private void compact() {
    List<Map.Entry<String, Counter>> ranked = ranked();
    for (int i = maxCategories; i < ranked.size(); i++) {
      folded += ranked.get(i).getValue().value;
      counts.remove(ranked.get(i).getKey());
    }
  }

  /** Tracked categories, most frequent first, ties by name. */
  private List<Map.Entry<String, Counter>> ranked() {
    List<Map.Entry<String, Counter>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Comparator.<Map.Entry<String, Counter>>comparingLong(e -> -e.getValue().value)
        .thenComparing(Map.Entry::getKey));
    return entries;
  }

  // ---------------------------------------------------------------------------------------------
  // Merging

  /** Adds everything {@code other} has seen; both must have the same type. */
  public CategoricalProfile mergeFrom(CategoricalProfile other) {
    if (other == this) {
      return mergeFrom(other.copy());
    }
    if (other.type != type) {
      throw new IllegalArgumentException("cannot merge a " + type + " profile with a "
          + other.type + " profile");
    }
    count += other.count;
    missing += other.missing;
    typeMismatches += other.typeMismatches;
    folded += other.folded;
    for (Map.Entry<String, Counter> e : other.counts.entrySet()) {
      Counter counter = counts.get(e.getKey());
      if (counter != null) {
        counter.value += e.getValue().value;
      } else {
        counts.put(e.getKey(), new Counter(e.getValue().value));
      }
    }
    if (counts.size() > 2 * maxCategories) {
      compact();
    }
    return this;
  }

  /** A new profile of the values of both; neither argument changes. */
  public static CategoricalProfile merge(CategoricalProfile a, CategoricalProfile b) {
    return a.copy().mergeFrom(b);
  }

  @Override
  public CategoricalProfile copy() {
    CategoricalProfile copy = new CategoricalProfile(type, maxCategories);
    copy.count = count;
    copy.missing = missing;
    copy.typeMismatches = typeMismatches;
    copy.folded = folded;
    counts.forEach((k, v) -> copy.counts.put(k, new Counter(v.value)));
    return copy;
  }

  @Override
  public CategoricalProfile emptyLike() {
    return new CategoricalProfile(type, maxCategories);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  @Override
  public FeatureType type() {
    return type;
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

  public int maxCategories() {
    return maxCategories;
  }

  /** The K most frequent categories with their counts, most frequent first (ties by name). */
  public Map<String, Long> categoryCounts() {
    List<Map.Entry<String, Counter>> ranked = ranked();
    Map<String, Long> top = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(maxCategories, ranked.size()); i++) {
      top.put(ranked.get(i).getKey(), ranked.get(i).getValue().value);
    }
    return top;
  }

  /** Values in categories not in {@link #categoryCounts()}. */
  public long otherCount() {
    long other = folded;
    List<Map.Entry<String, Counter>> ranked = ranked();
    for (int i = maxCategories; i < ranked.size(); i++) {
      other += ranked.get(i).getValue().value;
    }
    return other;
  }

  /** The count of one tracked category, 0 if not tracked. */
  long trackedCount(String category) {
    Counter counter = counts.get(category);
    return counter == null ? 0 : counter.value;
  }

  /** All tracked categories with counts (up to 2K), most frequent first. */
  Map<String, Long> trackedCounts() {
    Map<String, Long> all = new LinkedHashMap<>();
    for (Map.Entry<String, Counter> e : ranked()) {
      all.put(e.getKey(), e.getValue().value);
    }
    return all;
  }

  /** Values whose category was folded and is no longer tracked. */
  long foldedCount() {
    return folded;
  }

  // ---------------------------------------------------------------------------------------------
  // Binary form

  @Override
  public byte[] toBytes() {
    List<String> names = new ArrayList<>(counts.keySet());
    names.sort(Comparator.naturalOrder());
    List<byte[]> encoded = new ArrayList<>(names.size());
    int size = 4 + 4 * 8 + 4;
    for (String name : names) {
      byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
      encoded.add(utf8);
      size += 4 + utf8.length + 8;
    }
    ByteBuffer buffer = ProfileFormat.header(size,
        type == FeatureType.BOOLEAN ? ProfileFormat.BOOLEAN : ProfileFormat.CATEGORICAL);
    buffer.putInt(maxCategories);
    buffer.putLong(count).putLong(missing).putLong(typeMismatches).putLong(folded);
    buffer.putInt(names.size());
    for (int i = 0; i < names.size(); i++) {
      buffer.putInt(encoded.get(i).length).put(encoded.get(i));
      buffer.putLong(counts.get(names.get(i)).value);
    }
    return buffer.array();
  }

  /** Reads {@link #toBytes()} output. */
  public static CategoricalProfile fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte kind = ProfileFormat.readHeader(buffer);
    if (kind == ProfileFormat.CATEGORICAL) {
      return read(buffer, FeatureType.CATEGORICAL);
    }
    if (kind == ProfileFormat.BOOLEAN) {
      return read(buffer, FeatureType.BOOLEAN);
    }
    throw new IllegalArgumentException("not a categorical profile: kind " + kind);
  }

  static CategoricalProfile read(ByteBuffer buffer, FeatureType type) {
    try {
      CategoricalProfile profile = new CategoricalProfile(type, buffer.getInt());
      profile.count = buffer.getLong();
      profile.missing = buffer.getLong();
      profile.typeMismatches = buffer.getLong();
      profile.folded = buffer.getLong();
      int entries = buffer.getInt();
      if (entries < 0 || entries > buffer.remaining() / 12) {
        throw new IllegalArgumentException("profile bytes corrupt: " + entries + " categories");
      }
      for (int i = 0; i < entries; i++) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
          throw new IllegalArgumentException("profile bytes corrupt: name length " + length);
        }
        byte[] utf8 = new byte[length];
        buffer.get(utf8);
        profile.counts.put(new String(utf8, StandardCharsets.UTF_8),
            new Counter(buffer.getLong()));
      }
      return profile;
    } catch (BufferUnderflowException e) {
      throw ProfileFormat.truncated(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Avro form

  /** The Avro form: the top K categories and the other count; numeric fields empty. */
  @Override
  public FeatureProfile toAvro(String name) {
    return FeatureProfile.newBuilder()
        .setName(name)
        .setType(type)
        .setCount(count)
        .setMissing(missing)
        .setTypeMismatches(typeMismatches)
        .setMean(null)
        .setStd(null)
        .setMin(null)
        .setMax(null)
        .setQuantiles(List.of())
        .setBinEdges(List.of())
        .setBinCounts(List.of())
        .setCategories(categoryCounts())
        .setOtherCount(otherCount())
        .setValues(List.of())
        .setSketch(null)
        .build();
  }

  /**
   * Reads the Avro form, keeping K = max(default, categories given). The other count becomes the
   * folded count; so a profile with more than K tracked categories comes back as its published
   * top K.
   */
  public static CategoricalProfile fromAvro(FeatureProfile avro) {
    if (avro.getType() == FeatureType.NUMERIC) {
      throw new IllegalArgumentException("feature " + avro.getName() + " is NUMERIC, not "
          + "categorical");
    }
    Map<String, Long> categories = avro.getCategories();
    CategoricalProfile profile = new CategoricalProfile(avro.getType(),
        Math.max(DEFAULT_MAX_CATEGORIES, categories.size()));
    long sum = avro.getOtherCount();
    for (Map.Entry<String, Long> e : categories.entrySet()) {
      profile.counts.put(e.getKey(), new Counter(e.getValue()));
      sum += e.getValue();
    }
    if (sum != avro.getCount()) {
      throw new IllegalArgumentException("feature " + avro.getName() + ": categories and other "
          + "count add up to " + sum + " but count is " + avro.getCount());
    }
    profile.count = avro.getCount();
    profile.missing = avro.getMissing();
    profile.typeMismatches = avro.getTypeMismatches();
    profile.folded = avro.getOtherCount();
    return profile;
  }

  // ---------------------------------------------------------------------------------------------

  /** Equal state: type, K, counts, folded count and tracked categories. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CategoricalProfile other)) {
      return false;
    }
    return type == other.type
        && maxCategories == other.maxCategories
        && count == other.count
        && missing == other.missing
        && typeMismatches == other.typeMismatches
        && folded == other.folded
        && trackedCounts().equals(other.trackedCounts());
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, count, missing, folded, counts.size());
  }

  @Override
  public String toString() {
    return "CategoricalProfile{type=" + type + ", count=" + count + ", missing=" + missing
        + ", top=" + categoryCounts() + ", other=" + otherCount() + "}";
  }

  /** A mutable count, so that counting a known category does not box. */
  private static final class Counter {
    long value;

    Counter(long value) {
      this.value = value;
    }
  }
}
