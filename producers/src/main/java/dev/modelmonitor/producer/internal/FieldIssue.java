package dev.modelmonitor.producer.internal;

/**
 * A field-level fix applied to a recorded event, the {@code reason} tag of {@code
 * modelmonitor.sdk.fields.adjusted}. The event itself still goes out.
 */
public enum FieldIssue {
  /** A value of a type the schema cannot hold (a list, a date, ...): the field was dropped. */
  UNSUPPORTED_TYPE("unsupported_type"),
  /** NaN or an infinity: the value became null, which the pipeline counts as missing. */
  NON_FINITE("non_finite"),
  /** A string (value or name) longer than the limit: it was cut to the limit. */
  TRUNCATED("truncated"),
  /** A null or blank feature or score name: the field was dropped. */
  INVALID_NAME("invalid_name");

  private final String tag;

  FieldIssue(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  /** Where field issues are counted. */
  @FunctionalInterface
  public interface Counter {
    void count(FieldIssue issue);
  }
}
