package dev.modelmonitor.streams;

/**
 * Checks a decoded value before a topology uses it. Returns {@code null} when the value is
 * usable, else the reason it is not, in words (it becomes the dead letter's message).
 */
@FunctionalInterface
public interface RecordValidator<V> {
  String problem(String key, V value);

  static <V> RecordValidator<V> none() {
    return (key, value) -> null;
  }
}
