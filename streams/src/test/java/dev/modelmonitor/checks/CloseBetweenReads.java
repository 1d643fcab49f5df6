package dev.modelmonitor.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Read-only views of the two minute stores of {@link InMemoryMinutes} that run {@code close}
 * right after the first read of either store: a reader on another thread overtaken by the
 * processor between its two stores. A read takes what it finds at once, as RocksDB's iterators
 * read a snapshot.
 */
final class CloseBetweenReads {
  private final InMemoryMinutes memory;
  private Runnable close;

  CloseBetweenReads(InMemoryMinutes memory, Runnable close) {
    this.memory = memory;
    this.close = close;
  }

  /** The views, as an answer reads them. */
  ChecksStores stores() {
    return new ChecksStores(null, null, new Minutes(), new Deltas());
  }

  /** {@code iterator}'s entries, read now; then the close, on the first read. */
  private <K, V> List<KeyValue<K, V>> read(KeyValueIterator<K, V> iterator) {
    List<KeyValue<K, V>> entries = new ArrayList<>();
    try (iterator) {
      iterator.forEachRemaining(entries::add);
    }
    if (close != null) {
      Runnable now = close;
      close = null;
      now.run();
    }
    return entries;
  }

  private static class Read<K, V> implements KeyValueIterator<K, V> {
    private final List<KeyValue<K, V>> entries;
    private final Iterator<KeyValue<K, V>> next;
    private int taken;

    Read(List<KeyValue<K, V>> entries) {
      this.entries = entries;
      this.next = entries.iterator();
    }

    @Override
    public boolean hasNext() {
      return next.hasNext();
    }

    @Override
    public KeyValue<K, V> next() {
      taken++;
      return next.next();
    }

    @Override
    public K peekNextKey() {
      return entries.get(taken).key;
    }

    @Override
    public void close() {}
  }

  private static final class ReadWindow extends Read<Long, byte[]>
      implements WindowStoreIterator<byte[]> {
    ReadWindow(List<KeyValue<Long, byte[]>> entries) {
      super(entries);
    }
  }

  private final class Deltas implements ReadOnlyKeyValueStore<String, byte[]> {
    @Override
    public byte[] get(String key) {
      return memory.deltas.get(key);
    }

    @Override
    public KeyValueIterator<String, byte[]> range(String from, String to) {
      return new Read<>(read(memory.deltas.range(from, to)));
    }

    @Override
    public KeyValueIterator<String, byte[]> reverseRange(String from, String to) {
      return new Read<>(read(memory.deltas.reverseRange(from, to)));
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
      return new Read<>(read(memory.deltas.all()));
    }

    @Override
    public long approximateNumEntries() {
      return memory.deltas.approximateNumEntries();
    }
  }

  private final class Minutes implements ReadOnlyWindowStore<String, byte[]> {
    @Override
    public byte[] fetch(String key, long time) {
      return memory.minutes.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(String key, Instant from, Instant to) {
      return new ReadWindow(read(memory.minutes.fetch(key, from, to)));
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(String key, Instant from, Instant to) {
      return new ReadWindow(read(memory.minutes.backwardFetch(key, from, to)));
    }

    @Override
    public KeyValueIterator<Windowed<String>, byte[]> fetch(String keyFrom, String keyTo,
        Instant from, Instant to) {
      return new Read<>(read(memory.minutes.fetch(keyFrom, keyTo, from, to)));
    }

    @Override
    public KeyValueIterator<Windowed<String>, byte[]> all() {
      return new Read<>(read(memory.minutes.all()));
    }

    @Override
    public KeyValueIterator<Windowed<String>, byte[]> fetchAll(Instant from, Instant to) {
      return new Read<>(read(memory.minutes.fetchAll(from, to)));
    }
  }
}
