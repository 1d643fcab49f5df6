package dev.modelmonitor.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class OpenWindowsTest {
  private static final WindowKey KEY = new WindowKey("m", 0);
  private static final ReportsSettings SETTINGS =
      ReportsDriver.settings().with(ReportsSettings.FOLD_EVENTS, 4);

  private static final WindowAccumulator.ProfileFactory FACTORY =
      new WindowAccumulator.ProfileFactory() {
        @Override
        public Profile feature(String feature, Object firstValue) {
          return byValue(firstValue);
        }

        @Override
        public Profile prediction(Object firstValue) {
          return byValue(firstValue);
        }
      };

  private final KeyValueStore<Bytes, byte[]> windowStore =
      Stores.inMemoryKeyValueStore("w").get();
  private final KeyValueStore<Bytes, byte[]> journal = Stores.inMemoryKeyValueStore("j").get();

  @Test
  void windowsThatWaitForLabelsAreDueByTheEarlierOfPredictionAndLabelTimeAlsoAfterARestart() {
    OpenWindows live = new OpenWindows(windowStore, journal, SETTINGS);
    WindowKey joined = new WindowKey("joined", 0);
    WindowKey plain = new WindowKey("plain", 0);
    live.open(joined, 1_000, 5_000, true, FACTORY);
    live.open(plain, 1_000, 2_000, false, FACTORY);
    assertThat(live.nextDue()).isEqualTo(2_000);
    assertThat(live.nextDueWithLabels()).isEqualTo(5_000);

    for (OpenWindows windows : List.of(live, new OpenWindows(windowStore, journal, SETTINGS))) {
      assertThat(windows.due(9_000, 4_999)).containsExactly(plain);
      assertThat(windows.due(4_999, 9_000)).containsExactly(plain);
      assertThat(windows.due(5_000, 5_000)).containsExactly(plain, joined);
      assertThat(windows.size()).isEqualTo(2);
    }
  }

  @Test
  void aWindowReadBackFromItsLastFoldAndBatchedJournalEqualsTheLiveOne() {
    OpenWindows live = new OpenWindows(windowStore, journal, SETTINGS);
    WindowAccumulator window = live.open(KEY, 3_600_000, 3_600_000, true, FACTORY);
    record(live, window, 2);
    live.journalPending();
    record(live, window, 2);
    live.journalPending();
    record(live, window, 2);
    live.journalPending();

    // Folded at seq 4 (which deleted the record of 1-2); 5-6 are one journal record.
    assertThat(journalRecords()).isEqualTo(1);
    WindowAccumulator read =
        new OpenWindows(windowStore, journal, SETTINGS).get(KEY, m -> FACTORY);
    assertThat(read.foldedSeq()).isEqualTo(4);
    assertThat(read.seq()).isEqualTo(6);
    assertSameState(read, window);
  }

  @Test
  void aWindowTakingFoldEventsBetweenCommitsIsFoldedAtEachCommitUntilItQuietensDown() {
    OpenWindows live = new OpenWindows(windowStore, journal, SETTINGS);
    WindowAccumulator window = live.open(KEY, 3_600_000, 3_600_000, true, FACTORY);
    record(live, window, 5); // 6 entries, more than fold-events: written whole at the commit
    live.journalPending();
    assertThat(journalRecords()).isZero();
    assertThat(readBack().foldedSeq()).isEqualTo(6);
    assertSameState(readBack(), window);

    record(live, window, 2); // fewer than 4: written whole once more, then journaled again
    live.journalPending();
    assertThat(journalRecords()).isZero();
    assertThat(readBack().foldedSeq()).isEqualTo(8);

    record(live, window, 2);
    live.journalPending();
    assertThat(journalRecords()).isEqualTo(1);
    WindowAccumulator read = readBack();
    assertThat(read.foldedSeq()).isEqualTo(8);
    assertThat(read.seq()).isEqualTo(10);
    assertSameState(read, window);
  }

  @Test
  void aBusyWindowThatReportsBeforeTheCommitWritesOnlyItsHeader() {
    List<String> writes = new ArrayList<>();
    OpenWindows live = new OpenWindows(recording(windowStore, writes), journal, SETTINGS);
    WindowAccumulator window = live.open(KEY, 3_600_000, 3_600_000, true, FACTORY);
    record(live, window, 5); // 6 entries, more than fold-events: written whole at the commit

    live.remove(window); // it reported before the commit

    assertThat(writes).containsExactly("put " + KEY.header(), "delete " + KEY.header());
    assertThat(journalRecords()).isZero();
  }

  @Test
  void aNewWindowOfAModelBusyInTheLastIntervalIsWrittenWholeAtCommitsFromItsFirstEvent() {
    OpenWindows live = new OpenWindows(windowStore, journal, SETTINGS);
    WindowAccumulator first = live.open(KEY, 3_600_000, 3_600_000, true, FACTORY);
    record(live, first, 5); // 6 entries in one interval: model m is busy
    live.remove(first); // and reported before the commit
    live.journalPending();

    WindowKey nextKey = new WindowKey("m", 3_600_000);
    WindowKey quietKey = new WindowKey("q", 3_600_000);
    WindowAccumulator next = live.open(nextKey, 7_200_000, 7_200_000, true, FACTORY);
    WindowAccumulator quiet = live.open(quietKey, 7_200_000, 7_200_000, true, FACTORY);
    record(live, next, 2);
    record(live, quiet, 2);
    live.journalPending();

    assertThat(journalRecords()).as("only the quiet model's window is journaled").isEqualTo(1);
    WindowAccumulator read =
        new OpenWindows(windowStore, journal, SETTINGS).get(nextKey, m -> FACTORY);
    assertThat(read.foldedSeq()).isEqualTo(2);
    assertSameState(read, next);
    assertThat(new OpenWindows(windowStore, journal, SETTINGS).get(quietKey, m -> FACTORY)
        .foldedSeq()).isZero();
  }

  @Test
  void aWindowFoldedAtCommitsIsWrittenWholeWhenItLeavesTheCache() {
    ReportsSettings oneCached = SETTINGS.with(ReportsSettings.CACHED_WINDOWS, 1);
    OpenWindows live = new OpenWindows(windowStore, journal, oneCached);
    WindowAccumulator window = live.open(KEY, 3_600_000, 3_600_000, true, FACTORY);
    record(live, window, 5);

    live.open(new WindowKey("other", 0), 3_600_000, 3_600_000, true, FACTORY);

    assertThat(journalRecords()).isZero();
    WindowAccumulator read = readBack();
    assertThat(read.foldedSeq()).isEqualTo(6);
    assertSameState(read, window);
  }

  @Test
  void discardingDropsTheEntriesSinceTheLastCommitAndKeepsTheCommittedOnes() {
    OpenWindows live = new OpenWindows(windowStore, journal, SETTINGS);
    WindowAccumulator window = live.open(KEY, 3_600_000, 3_600_000, true, FACTORY);
    record(live, window, 2);
    live.journalPending();
    WindowAccumulator committed =
        new OpenWindows(windowStore, journal, SETTINGS).get(KEY, m -> FACTORY);
    record(live, window, 1);

    live.discard();

    WindowAccumulator read = live.get(KEY, m -> FACTORY);
    assertThat(read.seq()).isEqualTo(2);
    assertThat(read.events()).isEqualTo(2);
    assertSameState(read, committed);
  }

  @Test
  void aBatchRecordAndASingleEntryRecordBothDecodeInOrder() {
    List<JournalEntry> entries = List.of(prediction(1), new JournalEntry.Label(2, "cat", "dog"),
        prediction(3), new JournalEntry.Prediction(4, 4000, Outcome.ERROR, "timeout", null, null,
            null, Map.of("x", 2.0, "new", "n")));
    JournalEntry.Batch batch = new JournalEntry.Batch(1);
    entries.forEach(batch::add);
    assertThat(JournalEntry.decodeAll(batch.toBytes())).isEqualTo(entries);

    // A record as written before batches: one prediction, every string in full.
    StateCodec.Writer single = new StateCodec.Writer(64);
    single.putByte(JournalEntry.PREDICTION).putLong(7).putLong(7000).putByte(Outcome.OK.ordinal())
        .putNullableString(null).putNullableString("v1").putLong(7000).putValue("dog")
        .putInt(2).putString("x").putValue(0.0).putString("c").putValue("k3");
    assertThat(JournalEntry.decodeAll(single.toByteArray())).containsExactly(prediction(7));
  }

  @Test
  void aBatchOfDecodedEventsDecodesWhateverTheOrderOfTheirFeatures() {
    String x = "x";
    String c = "c";
    List<JournalEntry> entries = List.of(decoded(1, new String[] {x, c}, 1.0, "k1"),
        decoded(2, new String[] {x, c}, 2.0, "k2"),
        decoded(3, new String[] {c, x}, "k3", 3.0),
        decoded(4, new String[] {x, "new", c}, 4.0, true, "k4"));
    JournalEntry.Batch batch = new JournalEntry.Batch(1);
    entries.forEach(batch::add);
    assertThat(JournalEntry.decodeAll(batch.toBytes())).isEqualTo(entries);
  }

  /** A prediction with features as the decoder gives them: doubles held unboxed. */
  private static JournalEntry.Prediction decoded(long seq, String[] names, Object... values) {
    Object[] held = values.clone();
    double[] numbers = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Double d) {
        held[i] = FeatureValues.NUMBER;
        numbers[i] = d;
      }
    }
    return new JournalEntry.Prediction(seq, 1000 * seq, Outcome.OK, null, "v1", null, "cat",
        new FeatureValues(names, held, numbers, names.length));
  }

  /** Records {@code predictions} predictions, and a joined label after every third. */
  private static void record(OpenWindows windows, WindowAccumulator window, int predictions) {
    for (int i = 1; i <= predictions; i++) {
      windows.record(window, prediction(window.seq() + 1));
      if (i % 3 == 0) {
        windows.record(window, new JournalEntry.Label(window.seq() + 1, "cat",
            window.seq() % 2 == 0 ? "cat" : "dog"));
      }
    }
  }

  private static JournalEntry.Prediction prediction(long seq) {
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("x", (double) (seq % 7));
    features.put("c", "k" + (seq % 4));
    return new JournalEntry.Prediction(seq, 1000 * seq, Outcome.OK, null, "v1", 1000 * seq,
        seq % 2 == 0 ? "cat" : "dog", features);
  }

  /** {@code store}, noting each put and delete in {@code writes}. */
  @SuppressWarnings("unchecked")
  private static KeyValueStore<Bytes, byte[]> recording(KeyValueStore<Bytes, byte[]> store,
      List<String> writes) {
    return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(
        KeyValueStore.class.getClassLoader(), new Class<?>[] {KeyValueStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("put") || method.getName().equals("delete")) {
            writes.add(method.getName() + " " + args[0]);
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The window as a new task would read it from the stores. */
  private WindowAccumulator readBack() {
    return new OpenWindows(windowStore, journal, SETTINGS).get(KEY, m -> FACTORY);
  }

  private int journalRecords() {
    int n = 0;
    try (KeyValueIterator<Bytes, byte[]> all = journal.all()) {
      for (; all.hasNext(); all.next()) {
        n++;
      }
    }
    return n;
  }

  private static void assertSameState(WindowAccumulator actual, WindowAccumulator expected) {
    assertThat(actual.header()).isEqualTo(expected.header());
    assertThat(bytesOf(actual.features())).isEqualTo(bytesOf(expected.features()));
    assertThat(actual.prediction().toBytes()).isEqualTo(expected.prediction().toBytes());
  }

  private static Map<String, String> bytesOf(Map<String, Profile> profiles) {
    Map<String, String> bytes = new TreeMap<>();
    profiles.forEach((name, profile) -> bytes.put(name, Arrays.toString(profile.toBytes())));
    return bytes;
  }

  private static Profile byValue(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Number ? NumericProfile.create() : CategoricalProfile.create();
  }
}
