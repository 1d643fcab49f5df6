package dev.modelmonitor.local.registry;

import java.util.Locale;

/**
 * Confluent's compatibility levels: which earlier versions of a subject a new schema is checked
 * against, and in which direction. BACKWARD (the default): the new schema reads data written with
 * the latest one; FORWARD: the latest reads data written with the new one; FULL: both; the {@code
 * _TRANSITIVE} variants check every earlier version instead of the latest only.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** The level of a registry whose configuration was never changed. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** The new schema must read data written with earlier ones. */
  public boolean backward() {
    return backward;
  }

  /** Earlier schemas must read data written with the new one. */
  public boolean forward() {
    return forward;
  }

  /** Checked against every earlier version, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /** Parses a level case-insensitively, as Confluent does; 42203 for anything else. */
  static CompatibilityLevel parse(String text) {
    if (text != null) {
      for (CompatibilityLevel level : values()) {
        if (level.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
          return level;
        }
      }
    }
    throw RegistryException.invalidCompatibilityLevel(text);
  }
}
