package dev.modelmonitor.producer.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns what an app hands in into what the Avro schema holds ({@code null | boolean | long |
 * double | string}), on the caller's thread, without ever throwing for bad data:
 *
 * <table>
 *   <tr><th>input</th><th>becomes</th><th>counted as</th></tr>
 *   <tr><td>Boolean, Long, Double, String</td><td>itself</td><td></td></tr>
 *   <tr><td>Byte, Short, Integer, AtomicInteger, AtomicLong, BigInteger (fits 64 bits)</td>
 *       <td>long</td><td></td></tr>
 *   <tr><td>Float, BigDecimal, BigInteger (too big for 64 bits)</td><td>double</td><td></td></tr>
 *   <tr><td>Character, Enum, other CharSequence</td><td>string (enum name)</td><td></td></tr>
 *   <tr><td>NaN, ±Infinity (also from Float/BigDecimal)</td><td>null (missing)</td>
 *       <td>non_finite</td></tr>
 *   <tr><td>string longer than the limit</td><td>its first {@code maxStringLength} chars</td>
 *       <td>truncated</td></tr>
 *   <tr><td>anything else (List, Map, Date, byte[] ...)</td><td>feature dropped</td>
 *       <td>unsupported_type</td></tr>
 *   <tr><td>null or blank feature name</td><td>feature dropped</td><td>invalid_name</td></tr>
 *   <tr><td>more than {@code maxFeatures} features</td><td>event dropped</td>
 *       <td>dropped{reason=invalid}</td></tr>
 * </table>
 *
 * Redacted features are left out here, so their values never enter the buffer.
 */
public final class EventSanitizer {
  /** Marks a value the schema cannot hold; never leaves this class's callers. */
  static final Object UNSUPPORTED = new Object();

  private final int maxFeatures;
  private final int maxStringLength;
  private final Set<String> redacted;
  private final FieldIssue.Counter issues;

  public EventSanitizer(
      int maxFeatures, int maxStringLength, Set<String> redacted, FieldIssue.Counter issues) {
    this.maxFeatures = maxFeatures;
    this.maxStringLength = maxStringLength;
    this.redacted = Set.copyOf(redacted);
    this.issues = issues;
  }

  public int maxFeatures() {
    return maxFeatures;
  }

  /**
   * A sanitized copy of {@code features}, or {@code null} when there are more than {@code
   * maxFeatures} of them (the event must be dropped). A null map is an empty one.
   */
  public Map<String, Object> features(Map<String, ?> features) {
    if (features == null) {
      return new HashMap<>(2);
    }
    int size = features.size();
    if (size > maxFeatures) {
      return null;
    }
    Map<String, Object> out = new HashMap<>(capacityFor(size));
    boolean redacting = !redacted.isEmpty();
    for (Map.Entry<String, ?> entry : features.entrySet()) {
      String name = name(entry.getKey());
      if (name == null || (redacting && redacted.contains(name))) {
        continue;
      }
      Object value = coerce(entry.getValue());
      if (value != UNSUPPORTED) {
        out.put(name, value);
      }
    }
    return out;
  }

  /**
   * Class scores: non-finite or non-numeric scores and blank names are left out (counted); null
   * stays null; too many scores (over {@code maxFeatures}) also returns null, counted as
   * unsupported.
   */
  public Map<String, Double> scores(Map<String, ? extends Number> scores) {
    if (scores == null) {
      return null;
    }
    if (scores.size() > maxFeatures) {
      issues.count(FieldIssue.UNSUPPORTED_TYPE);
      return null;
    }
    Map<String, Double> out = new HashMap<>(capacityFor(scores.size()));
    for (Map.Entry<String, ? extends Number> entry : scores.entrySet()) {
      String name = name(entry.getKey());
      if (name == null) {
        continue;
      }
      Object value = coerce(entry.getValue());
      if (value instanceof Double d) {
        out.put(name, d);
      } else if (value instanceof Long l) {
        out.put(name, l.doubleValue());
      } else if (value != null && value != UNSUPPORTED) {
        issues.count(FieldIssue.UNSUPPORTED_TYPE);
      }
    }
    return out;
  }

  /** A prediction or label value: as for features, but an unsupported type becomes null. */
  public Object value(Object value) {
    Object coerced = coerce(value);
    return coerced == UNSUPPORTED ? null : coerced;
  }

  /** A free-text field (error message, request id, reason): truncated to the limit. */
  public String text(String text) {
    if (text == null || text.length() <= maxStringLength) {
      return text;
    }
    issues.count(FieldIssue.TRUNCATED);
    return text.substring(0, maxStringLength);
  }

  private String name(String name) {
    if (name == null || name.isBlank()) {
      issues.count(FieldIssue.INVALID_NAME);
      return null;
    }
    return text(name);
  }

  /** The schema's form of {@code value}, or {@link #UNSUPPORTED} (counted). */
  Object coerce(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof String s) {
      return text(s);
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? d : finite(d);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof AtomicInteger || value instanceof AtomicLong) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return finite(f.doubleValue());
    }
    if (value instanceof BigDecimal b) {
      return finite(b.doubleValue());
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : finite(b.doubleValue());
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof Enum<?> e) {
      return text(e.name());
    }
    if (value instanceof CharSequence cs) {
      return text(cs.toString());
    }
    issues.count(FieldIssue.UNSUPPORTED_TYPE);
    return UNSUPPORTED;
  }

  private Double finite(double d) {
    if (Double.isFinite(d)) {
      return d;
    }
    issues.count(FieldIssue.NON_FINITE);
    return null;
  }

  private static int capacityFor(int size) {
    return (int) (size / 0.75f) + 1;
  }
}
