package dev.modelmonitor.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open model-windows of one stream task: their state in the {@link ReportStores#WINDOWS} and
 * {@link ReportStores#JOURNAL} stores, a bounded cache of them decoded, and the schedule of when
 * each is due.
 *
 * <p>Why a journal: a window's profiles are too large to rewrite on every event, and the store
 * must hold every processed event's effect when Kafka Streams commits (exactly-once: the store's
 * changelog, the output and the input offsets commit in one transaction). So each event is written
 * as a small journal entry, in a ring of {@code fold-events} slots, and every {@code fold-events}
 * events the changed profiles are written whole ("folded"). The stored state is always the last
 * fold plus the journal entries after it; the cache only saves decoding it again.
 */
final class OpenWindows {
  private final KeyValueStore<Bytes, byte[]> windows;
  private final KeyValueStore<Bytes, byte[]> journal;
  private final ReportsSettings settings;
  private final int foldEvents;
  private final LinkedHashMap<WindowKey, WindowAccumulator> cache;
  private final TreeMap<Long, Set<WindowKey>> schedule = new TreeMap<>();

  OpenWindows(KeyValueStore<Bytes, byte[]> windows, KeyValueStore<Bytes, byte[]> journal,
      ReportsSettings settings) {
    this.windows = windows;
    this.journal = journal;
    this.settings = settings;
    this.foldEvents = settings.foldEvents();
    int capacity = settings.cachedWindows();
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<WindowKey, WindowAccumulator> eldest) {
        // Dropping a cached window loses nothing: the store holds its last fold and journal.
        return size() > capacity;
      }
    };
    try (KeyValueIterator<Bytes, byte[]> all = windows.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        WindowKey.Parsed parsed = WindowKey.parse(entry.key);
        if (parsed.isHeader()) {
          schedule(parsed.window(), WindowAccumulator.emitAtOf(entry.value));
        }
      }
    }
  }

  private void schedule(WindowKey key, long emitAt) {
    schedule.computeIfAbsent(emitAt, t -> new HashSet<>()).add(key);
  }

  /**
   * The open window, decoded (from the cache, else from the store); null when not open.
   *
   * @param factories the profile factory of a model's windows, from its reference in force
   */
  WindowAccumulator get(WindowKey key,
      Function<String, WindowAccumulator.ProfileFactory> factories) {
    WindowAccumulator cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    byte[] header = windows.get(key.header());
    if (header == null) {
      return null;
    }
    WindowAccumulator window = WindowAccumulator.read(key, header,
        new WindowAccumulator.PartReader() {
          @Override
          public byte[] feature(String name) {
            return windows.get(key.feature(name));
          }

          @Override
          public byte[] prediction() {
            return windows.get(key.prediction());
          }
        }, settings);
    window.useFactory(factories.apply(key.modelId()));
    List<JournalEntry> pending = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> entries =
        journal.prefixScan(key.prefix(), Serdes.Bytes().serializer())) {
      while (entries.hasNext()) {
        JournalEntry entry = JournalEntry.decode(entries.next().value);
        if (entry.seq() > window.foldedSeq()) {
          pending.add(entry);
        }
      }
    }
    pending.sort(Comparator.comparingLong(JournalEntry::seq));
    for (JournalEntry entry : pending) {
      entry.applyTo(window);
    }
    cache.put(key, window);
    return window;
  }

  /** Opens a window: stores its empty header and schedules it. */
  WindowAccumulator open(WindowKey key, long end, long emitAt, boolean labelsJoined,
      WindowAccumulator.ProfileFactory factory) {
    WindowAccumulator window = new WindowAccumulator(key, end, emitAt, labelsJoined, settings);
    window.useFactory(factory);
    windows.put(key.header(), window.header());
    schedule(key, emitAt);
    cache.put(key, window);
    return window;
  }

  /** Journals {@code entry}, applies it, and folds the window when its journal is full. */
  void record(WindowAccumulator window, JournalEntry entry) {
    journal.put(window.key().journalSlot(slot(entry.seq())), entry.encode());
    entry.applyTo(window);
    if (window.seq() - window.foldedSeq() >= foldEvents) {
      fold(window);
    }
  }

  private int slot(long seq) {
    return (int) (seq % foldEvents);
  }

  private void fold(WindowAccumulator window) {
    WindowKey key = window.key();
    for (Map.Entry<String, dev.modelmonitor.stats.Profile> changed : window.changedProfiles()) {
      windows.put(key.feature(changed.getKey()), changed.getValue().toBytes());
    }
    if (window.predictionChanged()) {
      windows.put(key.prediction(), window.prediction().toBytes());
    }
    window.folded();
    windows.put(key.header(), window.header());
  }

  /** The next time a window is due, or Long.MAX_VALUE with none open. */
  long nextDue() {
    return schedule.isEmpty() ? Long.MAX_VALUE : schedule.firstKey();
  }

  /** The windows due at {@code streamTime}, in order of due time, then model and start. */
  List<WindowKey> due(long streamTime) {
    List<WindowKey> due = new ArrayList<>();
    for (Map.Entry<Long, Set<WindowKey>> e : schedule.headMap(streamTime, true).entrySet()) {
      List<WindowKey> keys = new ArrayList<>(e.getValue());
      keys.sort(Comparator.comparing(WindowKey::modelId).thenComparingLong(WindowKey::start));
      due.addAll(keys);
    }
    return due;
  }

  /** Deletes a window's state after its report went out. */
  void remove(WindowAccumulator window) {
    WindowKey key = window.key();
    for (String name : window.features().keySet()) {
      windows.delete(key.feature(name));
    }
    if (window.prediction() != null) {
      windows.delete(key.prediction());
    }
    windows.delete(key.header());
    long slots = Math.min(window.seq(), foldEvents);
    for (long seq = window.seq(); seq > window.seq() - slots; seq--) {
      journal.delete(key.journalSlot(slot(seq)));
    }
    Set<WindowKey> at = schedule.get(window.emitAt());
    if (at != null) {
      at.remove(key);
      if (at.isEmpty()) {
        schedule.remove(window.emitAt());
      }
    }
    cache.remove(key);
  }

  /** Open windows of this task. */
  int size() {
    int n = 0;
    for (Iterator<Set<WindowKey>> it = schedule.values().iterator(); it.hasNext(); ) {
      n += it.next().size();
    }
    return n;
  }
}
