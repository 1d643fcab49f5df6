package dev.modelmonitor.reports;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An event's features as two arrays, names and values in the event's order: a read-only map that
 * costs two arrays per event instead of a hash map's table and entries, and that the window
 * profiles and the journal walk by index.
 */
final class FeatureValues extends AbstractMap<String, Object> {
  private final String[] names;
  private final Object[] values;
  private final int size;

  FeatureValues(String[] names, Object[] values, int size) {
    this.names = names;
    this.values = values;
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

  Object value(int i) {
    return values[i];
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
            return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
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
