package dev.modelmonitor.producer.ingest;

import java.util.Locale;

/** What an ingest request carries: the last path segment of {@code /ingest/v1/<kind>}. */
public enum IngestKind {
  PREDICTIONS,
  LABELS,
  STATE;

  /** The path segment, for example {@code predictions}. */
  public String path() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind for a path segment, or null when there is none. */
  public static IngestKind fromPath(String segment) {
    if (segment == null) {
      return null;
    }
    for (IngestKind kind : values()) {
      if (kind.path().equals(segment.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    return null;
  }
}
