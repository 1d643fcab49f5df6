package dev.modelmonitor.topic;

import java.util.Objects;

/**
 * Full topic names for a prefix (default {@value #DEFAULT_PREFIX}). The one place that joins a
 * prefix and a {@link MonitorTopic}.
 */
public final class TopicNames {
  public static final String DEFAULT_PREFIX = "mm.";

  private final String prefix;

  public TopicNames(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  public static TopicNames defaults() {
    return new TopicNames(DEFAULT_PREFIX);
  }

  public String prefix() {
    return prefix;
  }

  public String name(MonitorTopic topic) {
    return prefix + topic.suffix();
  }

  public String predictions() {
    return name(MonitorTopic.PREDICTIONS);
  }

  public String labels() {
    return name(MonitorTopic.LABELS);
  }

  public String state() {
    return name(MonitorTopic.STATE);
  }

  public String reference() {
    return name(MonitorTopic.REFERENCE);
  }

  public String rules() {
    return name(MonitorTopic.RULES);
  }

  public String alerts() {
    return name(MonitorTopic.ALERTS);
  }

  public String reports() {
    return name(MonitorTopic.REPORTS);
  }

  public String checkRequests() {
    return name(MonitorTopic.CHECK_REQUESTS);
  }

  public String checkResults() {
    return name(MonitorTopic.CHECK_RESULTS);
  }

  public String dlq() {
    return name(MonitorTopic.DLQ);
  }
}
