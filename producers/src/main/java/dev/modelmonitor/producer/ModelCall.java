package dev.modelmonitor.producer;

/**
 * A model invocation measured by {@link ModelMonitor#predict(java.util.Map, ModelCall)}; may throw
 * any exception, which is recorded and then rethrown unchanged.
 *
 * @param <T> the model's output
 * @param <E> what the call may throw
 */
@FunctionalInterface
public interface ModelCall<T, E extends Exception> {
  T call() throws E;
}
