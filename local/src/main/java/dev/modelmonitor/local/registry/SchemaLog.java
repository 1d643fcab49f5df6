package dev.modelmonitor.local.registry;

import java.util.function.BiConsumer;

/**
 * The registry's durable log of keyed JSON records (Confluent's {@code _schemas} format): the
 * latest record per key is the state. The registry holds everything in memory and uses the log to
 * survive restarts.
 */
interface SchemaLog extends AutoCloseable {

  /**
   * Appends a record and returns once it is durable (acknowledged by the broker); a {@code null}
   * value deletes the key.
   *
   * @throws RegistryException with a 5xx status when the store does not acknowledge in time
   */
  void append(String key, String value);

  /** Hands every record not yet read, in log order, to {@code reader}; returns at the end. */
  void readToEnd(BiConsumer<String, String> reader);

  @Override
  void close();
}
