package dev.modelmonitor.reports;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An event's features as arrays, names and values in the event's order: a read-only map that
 * costs a few arrays per event instead of a hash map's table and entries, and that the window
 * profiles and the journal walk by index. Double values may be held unboxed ({@link #isNumber}):
 * the decoder reads most features of most events as doubles, and a boxed {@code Double} each was
 * an allocation per feature per event that the profiles only unboxed again.
 */
final class FeatureValues extends AbstractMap<String, Object> {
  /** In {@code values}: the value is the double at the same index in {@code numbers}. */
  static final Object NUMBER = new Object();

  private final String[] names;
  private final Object[] values;
  private final double[] numbers;
  private final int size;

  FeatureValues(String[] names, Object[] values, int size) {
    this(names, values, null, size);
  }

  /**
   * @param numbers the doubles of the values that are {@link #NUMBER} in {@code values}; null
   *     when none is
   */
  FeatureValues(String[] names, Object[] values, double[] numbers, int size) {
    this.names = names;
    this.values = values;
    this.numbers = numbers;
    this.size = size;
  }

  /** The features of {@code map}, in its iteration order. */
  static FeatureValues of(Map<String, Object> map) {
    if (map instanceof FeatureValues same) {
      return same;
    }
    String[] names = new String[map.size()];
    Object[] values = new Object[map.size()];
    int n = 0;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      names[n] = e.getKey();
      values[n++] = e.getValue();
    }
    return new FeatureValues(names, values, n);
  }

  String name(int i) {
    return names[i];
  }

  /** The {@code i}-th value, boxed if it is held as a double. */
  Object value(int i) {
    Object value = values[i];
    return value == NUMBER ? (Object) numbers[i] : value;
  }

  /** Whether the {@code i}-th value is a double, read unboxed by {@link #number}. */
  boolean isNumber(int i) {
    return values[i] == NUMBER;
  }

  double number(int i) {
    return numbers[i];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(names[i], value(i));
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
