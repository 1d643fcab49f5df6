package dev.modelmonitor.checks;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store without data that tells a processor when its task commits, so the processor can keep
 * state in memory (the checks' open minutes, the reports' journal entries) (no serialization per event) and still write them to the
 * changelogged stores inside every commit, exactly once.
 *
 * <p>Kafka Streams offers no public per-commit hook: before each commit it flushes the caches of
 * the stores that implement its internal {@link CachedStateStore}, and only then sends the
 * changelog records and commits the offsets (or the transaction). This store implements that
 * interface and runs the processor's flush there. {@code CommitHookTest} pins this behaviour of
 * Kafka Streams, so an upgrade that changes it fails the build instead of losing data.
 */
public final class CommitHook implements StateStore, CachedStateStore<Object, Object> {
  private final String name;
  private Runnable onCommit = () -> {};
  private Runnable onDiscard = () -> {};
  private boolean open;

  CommitHook(String name) {
    this.name = name;
  }

  /**
   * Runs {@code onCommit} before every commit (and flush), {@code onDiscard} when the task drops
   * its uncommitted state (a task closed dirty after an error).
   */
  public void register(Runnable onCommit, Runnable onDiscard) {
    this.onCommit = onCommit;
    this.onDiscard = onDiscard;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    context.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void flushCache() {
    onCommit.run();
  }

  @Override
  public void flush() {
    onCommit.run();
  }

  @Override
  public void clearCache() {
    onDiscard.run();
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Object, Object> listener,
      boolean sendOldValues) {
    return false;
  }

  @Override
  public void close() {
    open = false;
    onCommit = () -> {};
    onDiscard = () -> {};
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** A builder of the hook named {@code name}; add it to the topology and connect it. */
  public static StoreBuilder<CommitHook> builder(String name) {
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<CommitHook> withCachingEnabled() {
        return this;
      }

      @Override
      public StoreBuilder<CommitHook> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<CommitHook> withLoggingEnabled(Map<String, String> config) {
        return this;
      }

      @Override
      public StoreBuilder<CommitHook> withLoggingDisabled() {
        return this;
      }

      @Override
      public CommitHook build() {
        return new CommitHook(name);
      }

      @Override
      public Map<String, String> logConfig() {
        return Map.of();
      }

      @Override
      public boolean loggingEnabled() {
        return false;
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
