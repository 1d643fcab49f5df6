package dev.modelmonitor.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * each is due: by prediction time alone, or, for a window that waits for its labels, by the
 * earlier of prediction time and label time.
 *
 * <p>Why a journal: a window's profiles are too large to rewrite on every event, and the store
 * must hold every processed event's effect when Kafka Streams commits (exactly-once: the store's
 * changelog, the output and the input offsets commit in one transaction). So each event's entry
 * is encoded into its window's pending {@link JournalEntry.Batch} and, right before each commit
 * ({@link #journalPending}, run by the commit hook), each batch is written as one journal record;
 * every {@code fold-events} events the changed profiles are written whole ("folded") and the
 * window's journal records deleted. The stored state is always the last fold plus the journal
 * records after it; the cache only saves decoding it again. Entries not yet journaled exist only
 * in the cache, so a window leaving the cache is journaled first, and a task that drops its
 * uncommitted state drops the cache with it ({@link #discard}).
 *
 * <p>A window that takes {@code fold-events} events or more between two commits is folded at
 * each commit instead, its events not journaled at all, until a commit interval brings it fewer:
 * its profiles are rewritten at least once per interval anyway, so encoding its events for a
 * journal the next fold deletes is work for nothing (it added 30-35% to a busy window's profile
 * updates; OpenWindowsBenchmark, BENCHMARKS.md section 3). So is writing it before the commit (a
 * busy window may report before it), and so is journaling the first {@code fold-events} events of
 * a new window of a model that was busy in the last interval: such a window is folded at commits
 * from its first event.
 */
final class OpenWindows {
  private final KeyValueStore<Bytes, byte[]> windows;
  private final KeyValueStore<Bytes, byte[]> journal;
  private final ReportsSettings settings;
  private final int foldEvents;
  private final LinkedHashMap<WindowKey, WindowAccumulator> cache;
  /** Windows due by prediction time, by emit time. */
  private final TreeMap<Long, Set<WindowKey>> schedule = new TreeMap<>();
  /** Windows that also wait for label time to reach their emit time, by emit time. */
  private final TreeMap<Long, Set<WindowKey>> labelSchedule = new TreeMap<>();
  private final boolean waitForLabels;
  /** What each window that took events since the last commit owes the stores at the next. */
  private final Map<WindowKey, Pending> pending = new LinkedHashMap<>();
  /**
   * Models that took {@code fold-events} entries or more in the last commit interval, over all
   * their windows. Their new windows are folded at commits from the first entry: a busy model's
   * next window is busy too, and journaling its first {@code fold-events} entries, as any other
   * window does until it proves busy, would encode a journal that is then thrown away.
   */
  private final Set<String> busyModels = new HashSet<>();
  /** Entries since the last commit of windows that reported since, by model. */
  private final Map<String, Long> reportedEntries = new HashMap<>();

  /** A window's writes due at the next commit; one map lookup per event finds them. */
  private static final class Pending {
    /** The window's seq at the last commit. */
    long seqAtCommit;
    /** The entries since the window's last journal record or fold; null when there are none. */
    JournalEntry.Batch batch;
    /** Folded at each commit, its entries not journaled. */
    boolean foldedAtCommit;

    Pending(long seqAtCommit) {
      this.seqAtCommit = seqAtCommit;
    }

    /** Whether the window took its first entry in this interval (it had none at the commit). */
    boolean isNew() {
      return seqAtCommit == 0;
    }

    /** Entries the window took since the last commit. */
    long taken(WindowAccumulator window) {
      return window.seq() - seqAtCommit;
    }
  }

  OpenWindows(KeyValueStore<Bytes, byte[]> windows, KeyValueStore<Bytes, byte[]> journal,
      ReportsSettings settings) {
    this.windows = windows;
    this.journal = journal;
    this.settings = settings;
    this.foldEvents = settings.foldEvents();
    this.waitForLabels = settings.waitForLabels();
    int capacity = settings.cachedWindows();
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<WindowKey, WindowAccumulator> eldest) {
        // Dropping a cached window loses nothing once its entries are journaled (or folded).
        if (size() <= capacity) {
          return false;
        }
        writePending(eldest.getKey(), eldest.getValue(), pending.remove(eldest.getKey()));
        return true;
      }
    };
    try (KeyValueIterator<Bytes, byte[]> all = windows.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        WindowKey.Parsed parsed = WindowKey.parse(entry.key);
        if (parsed.isHeader()) {
          schedule(parsed.window(), WindowAccumulator.emitAtOf(entry.value),
              WindowAccumulator.labelsJoinedOf(entry.value));
        }
      }
    }
  }

  private void schedule(WindowKey key, long emitAt, boolean labelsJoined) {
    scheduleOf(labelsJoined).computeIfAbsent(emitAt, t -> new HashSet<>()).add(key);
  }

  private TreeMap<Long, Set<WindowKey>> scheduleOf(boolean labelsJoined) {
    return labelsJoined && waitForLabels ? labelSchedule : schedule;
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
    try (KeyValueIterator<Bytes, byte[]> records =
        journal.prefixScan(key.prefix(), Serdes.Bytes().serializer())) {
      while (records.hasNext()) {
        for (JournalEntry entry : JournalEntry.decodeAll(records.next().value)) {
          if (entry.seq() > window.foldedSeq()) {
            pending.add(entry);
          }
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
    schedule(key, emitAt, labelsJoined);
    cache.put(key, window);
    return window;
  }

  /**
   * Applies {@code entry}, keeps it for the window's next journal record, and folds the window
   * when {@code fold-events} entries came since its last fold. When they came within one commit
   * interval, the window is folded at commits from then on instead, its entries not kept, and
   * not now: it is written whole at the commit anyway, and a busy window often reports before
   * that commit, when writing it (every profile, and a tombstone for each later) is work for
   * nothing.
   */
  void record(WindowAccumulator window, JournalEntry entry) {
    entry.applyTo(window);
    Pending owed = pending.get(window.key());
    if (owed == null) {
      owed = new Pending(entry.seq() - 1);
      owed.foldedAtCommit = owed.isNew() && busyModels.contains(window.key().modelId());
      pending.put(window.key(), owed);
    }
    if (owed.foldedAtCommit) {
      return;
    }
    if (owed.batch == null) {
      owed.batch = new JournalEntry.Batch(entry.seq());
    }
    owed.batch.add(entry);
    if (window.seq() - window.foldedSeq() >= foldEvents) {
      owed.batch = null;
      owed.foldedAtCommit = owed.taken(window) >= foldEvents;
      if (!owed.foldedAtCommit) {
        fold(window);
      }
    }
  }

  /**
   * Writes each window's entries since the last commit as one journal record, or folds a window
   * folded at commits; run right before every commit, so the stores hold every processed event's
   * effect when the offsets commit.
   */
  void journalPending() {
    Map<String, Long> entries = new HashMap<>(reportedEntries);
    reportedEntries.clear();
    for (Map.Entry<WindowKey, Pending> e : pending.entrySet()) {
      // Cached: a window leaving the cache leaves this map too.
      entries.merge(e.getKey().modelId(), e.getValue().taken(cache.get(e.getKey())), Long::sum);
    }
    busyModels.clear();
    entries.forEach((model, taken) -> {
      if (taken >= foldEvents) {
        busyModels.add(model);
      }
    });
    for (Iterator<Map.Entry<WindowKey, Pending>> it = pending.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<WindowKey, Pending> e = it.next();
      Pending owed = e.getValue();
      WindowAccumulator window = cache.get(e.getKey());
      writePending(e.getKey(), window, owed);
      // Busy, or new in a busy model (it took its entries in part of the interval only).
      if (owed.foldedAtCommit && (owed.taken(window) >= foldEvents
          || (owed.isNew() && busyModels.contains(e.getKey().modelId())))) {
        owed.seqAtCommit = window.seq(); // folded at the next commit too
      } else {
        it.remove(); // a quieter interval: its events are journaled again
      }
    }
  }

  /** Writes what a window owes: a fold when it is folded at commits, else its journal batch. */
  private void writePending(WindowKey key, WindowAccumulator window, Pending owed) {
    if (owed == null) {
      return;
    }
    if (owed.foldedAtCommit) {
      if (window.seq() > window.foldedSeq()) {
        fold(window);
      }
    } else if (owed.batch != null) {
      journal.put(key.journalBatch(owed.batch.firstSeq()), owed.batch.toBytes());
      owed.batch = null;
    }
  }

  /** Drops what is not in the stores (a task dropping its uncommitted state). */
  void discard() {
    pending.clear();
    cache.clear();
    busyModels.clear();
    reportedEntries.clear();
  }

  /** Deletes a window's journal records; its pending batch is the caller's to drop. */
  private void deleteJournal(WindowKey key) {
    List<Bytes> records = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all =
        journal.prefixScan(key.prefix(), Serdes.Bytes().serializer())) {
      while (all.hasNext()) {
        records.add(all.next().key);
      }
    }
    for (Bytes record : records) {
      journal.delete(record);
    }
  }

  private void fold(WindowAccumulator window) {
    WindowKey key = window.key();
    deleteJournal(key);
    for (Map.Entry<String, dev.modelmonitor.stats.Profile> changed : window.changedProfiles()) {
      windows.put(key.feature(changed.getKey()), changed.getValue().toBytes());
    }
    if (window.predictionChanged()) {
      windows.put(key.prediction(), window.prediction().toBytes());
    }
    window.folded();
    windows.put(key.header(), window.header());
  }

  /**
   * The earliest emit time of the windows due by prediction time alone, or Long.MAX_VALUE with
   * none open.
   */
  long nextDue() {
    return schedule.isEmpty() ? Long.MAX_VALUE : schedule.firstKey();
  }

  /**
   * The earliest emit time of the windows that also wait for label time, or Long.MAX_VALUE with
   * none open.
   */
  long nextDueWithLabels() {
    return labelSchedule.isEmpty() ? Long.MAX_VALUE : labelSchedule.firstKey();
  }

  /**
   * The windows due at prediction time {@code predictionTime} and label time {@code labelTime},
   * in order of emit time, then model and start.
   */
  List<WindowKey> due(long predictionTime, long labelTime) {
    TreeMap<Long, List<WindowKey>> due = new TreeMap<>();
    for (Map.Entry<Long, Set<WindowKey>> e
        : schedule.headMap(predictionTime, true).entrySet()) {
      due.computeIfAbsent(e.getKey(), t -> new ArrayList<>()).addAll(e.getValue());
    }
    for (Map.Entry<Long, Set<WindowKey>> e
        : labelSchedule.headMap(Math.min(predictionTime, labelTime), true).entrySet()) {
      due.computeIfAbsent(e.getKey(), t -> new ArrayList<>()).addAll(e.getValue());
    }
    List<WindowKey> ordered = new ArrayList<>();
    for (List<WindowKey> keys : due.values()) {
      keys.sort(Comparator.comparing(WindowKey::modelId).thenComparingLong(WindowKey::start));
      ordered.addAll(keys);
    }
    return ordered;
  }

  /** Deletes a window's state after its report went out. */
  void remove(WindowAccumulator window) {
    WindowKey key = window.key();
    if (window.foldedSeq() > 0) { // else no profile was ever written
      for (String name : window.features().keySet()) {
        windows.delete(key.feature(name));
      }
      if (window.prediction() != null) {
        windows.delete(key.prediction());
      }
    }
    windows.delete(key.header());
    deleteJournal(key);
    Pending owed = pending.remove(key);
    if (owed != null) {
      reportedEntries.merge(key.modelId(), owed.taken(window), Long::sum);
    }
    TreeMap<Long, Set<WindowKey>> scheduled = scheduleOf(window.labelsJoined());
    Set<WindowKey> at = scheduled.get(window.emitAt());
    if (at != null) {
      at.remove(key);
      if (at.isEmpty()) {
        scheduled.remove(window.emitAt());
      }
    }
    cache.remove(key);
  }

  /** Open windows of this task. */
  int size() {
    int n = 0;
    for (Set<WindowKey> at : schedule.values()) {
      n += at.size();
    }
    for (Set<WindowKey> at : labelSchedule.values()) {
      n += at.size();
    }
    return n;
  }
}
