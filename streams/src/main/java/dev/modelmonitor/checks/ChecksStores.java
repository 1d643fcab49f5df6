package dev.modelmonitor.checks;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Read-only views of the checks' state stores, as interactive queries (or a test driver) give
 * them: what {@link ModelQueries} and {@link CheckAnswerer} read. The checks processor writes the
 * open minutes' deltas at each commit, so these views are as of the last commit.
 *
 * @param status per model: first seen, instances, reference version ({@link
 *     ChecksTopology#STATUS_STORE})
 * @param references per model: the reference in force ({@link ChecksTopology#REFERENCES_STORE})
 * @param minutes ended minutes ({@link ChecksTopology#MINUTES_STORE})
 * @param deltas open minutes, as deltas ({@link ChecksTopology#DELTAS_STORE})
 */
public record ChecksStores(
    ReadOnlyKeyValueStore<String, byte[]> status,
    ReadOnlyKeyValueStore<String, byte[]> references,
    ReadOnlyWindowStore<String, byte[]> minutes,
    ReadOnlyKeyValueStore<String, byte[]> deltas) {

  /**
   * The stores of every task of {@code streams} active on this instance.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while they are not
   *     queryable (starting, rebalancing)
   */
  public static ChecksStores of(KafkaStreams streams) {
    return new ChecksStores(
        streams.store(query(ChecksTopology.STATUS_STORE, QueryableStoreTypes.keyValueStore())),
        streams.store(query(ChecksTopology.REFERENCES_STORE,
            QueryableStoreTypes.keyValueStore())),
        streams.store(query(ChecksTopology.MINUTES_STORE, QueryableStoreTypes.windowStore())),
        streams.store(query(ChecksTopology.DELTAS_STORE, QueryableStoreTypes.keyValueStore())));
  }

  /**
   * The stores of the one task that holds {@code partition} of the checks' input topics.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when that task is not
   *     active and running on this instance
   */
  public static ChecksStores of(KafkaStreams streams, int partition) {
    return new ChecksStores(
        streams.store(query(ChecksTopology.STATUS_STORE, QueryableStoreTypes
            .<String, byte[]>keyValueStore()).withPartition(partition)),
        streams.store(query(ChecksTopology.REFERENCES_STORE, QueryableStoreTypes
            .<String, byte[]>keyValueStore()).withPartition(partition)),
        streams.store(query(ChecksTopology.MINUTES_STORE, QueryableStoreTypes
            .<String, byte[]>windowStore()).withPartition(partition)),
        streams.store(query(ChecksTopology.DELTAS_STORE, QueryableStoreTypes
            .<String, byte[]>keyValueStore()).withPartition(partition)));
  }

  private static <T> StoreQueryParameters<T> query(String name, QueryableStoreType<T> type) {
    return StoreQueryParameters.fromNameAndType(name, type);
  }
}
