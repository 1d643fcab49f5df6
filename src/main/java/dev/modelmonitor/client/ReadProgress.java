package dev.modelmonitor.client;

/** Told how far a read of a topic has got, for a live count in the CLI. */
@FunctionalInterface
public interface ReadProgress {
  /** Ignores progress. */
  ReadProgress NONE = (topic, read, total, done) -> {};

  /**
   * @param topic the topic being read
   * @param read records read so far
   * @param total records between the start and end offsets
   * @param done true on the last call for this topic
   */
  void update(String topic, long read, long total, boolean done);
}
