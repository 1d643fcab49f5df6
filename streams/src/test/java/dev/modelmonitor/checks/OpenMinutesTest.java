package dev.modelmonitor.checks;

import static dev.modelmonitor.checks.InMemoryMinutes.predict;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

class OpenMinutesTest {
  private static final long MINUTE = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();
  private final InMemoryMinutes memory = new InMemoryMinutes();
  private final KeyValueStore<String, byte[]> deltas = memory.deltas;
  private final WindowStore<String, byte[]> minutes = memory.minutes;

  /** Predictions of {@code model} from {@code from} to {@code to} as an answer reads them. */
  private long predictions(String model, long from, long to) {
    return MinuteStores.read(minutes, deltas, model, from, to).values().stream()
        .mapToLong(bucket -> bucket.predictions).sum();
  }

  private List<String> deltaKeys() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = deltas.all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  /** 12:00 with 3 predictions in delta 0 and 2 in delta 1, open. */
  private OpenMinutes fivePredictionsInTwoDeltas() {
    OpenMinutes open = new OpenMinutes(minutes, deltas);
    predict(open, "m", MINUTE + 1_000, 3);
    open.flush(MINUTE + 2_000);
    predict(open, "m", MINUTE + 4_000, 2);
    open.flush(MINUTE + 5_000);
    return open;
  }

  private List<KeyValue<Long, Long>> storedMinutes(String model) {
    List<KeyValue<Long, Long>> stored = new ArrayList<>();
    try (var it = minutes.fetch(model, 0, Long.MAX_VALUE)) {
      it.forEachRemaining(kv -> stored.add(
          KeyValue.pair(kv.key, MinuteBucket.fromBytes(kv.value).predictions)));
    }
    return stored;
  }

  @Test
  void eachFlushWritesWhatIsPendingAsADeltaOfItsMinute() {
    OpenMinutes open = new OpenMinutes(minutes, deltas);
    predict(open, "m", MINUTE + 1_000, 3);
    open.flush(MINUTE + 2_000);
    open.flush(MINUTE + 3_000); // nothing pending: no delta
    predict(open, "m", MINUTE + 4_000, 2);
    open.flush(MINUTE + 5_000);

    assertThat(deltaKeys()).containsExactly(
        MinuteStores.deltaKey("m", MINUTE, 0), MinuteStores.deltaKey("m", MINUTE, 1));
    assertThat(storedMinutes("m")).isEmpty();
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(5);
    assertThat(MinuteStores.read(minutes, deltas, "m", MINUTE, MINUTE).get(MINUTE).errors())
        .isEqualTo(2);
  }

  @Test
  void aRestartRecoversTheOpenMinutesFromTheirDeltas() {
    OpenMinutes before = new OpenMinutes(minutes, deltas);
    predict(before, "m", MINUTE + 1_000, 3);
    before.flush(MINUTE + 2_000);
    predict(before, "m", MINUTE + 3_000, 4); // pending, never committed: lost with the task

    OpenMinutes after = new OpenMinutes(minutes, deltas);
    after.recover();
    predict(after, "m", MINUTE + 4_000, 1);
    after.flush(MINUTE + 5_000);

    assertThat(after.openMinutes()).isEqualTo(1);
    assertThat(deltaKeys()).containsExactly(
        MinuteStores.deltaKey("m", MINUTE, 0), MinuteStores.deltaKey("m", MINUTE, 1));
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(4);
  }

  @Test
  void anEndedMinuteBecomesOneBucketAndItsDeltasGo() {
    long closes = OpenMinutes.closesAt("m", MINUTE);
    OpenMinutes open = new OpenMinutes(minutes, deltas);
    predict(open, "m", MINUTE + 1_000, 3);
    open.flush(MINUTE + 2_000);
    predict(open, "m", MINUTE + 50_000, 2);
    predict(open, "m", MINUTE + 61_000, 1); // the next minute
    open.flush(closes - 1);
    assertThat(storedMinutes("m")).isEmpty();
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(5);
    open.flush(closes); // 12:00 ended and its close delay passed
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(5); // now one stored bucket

    assertThat(storedMinutes("m")).containsExactly(KeyValue.pair(MINUTE, 5L));
    assertThat(deltaKeys()).containsExactly(
        MinuteStores.deltaKey("m", MINUTE + MinuteStores.MINUTE_MS, 0));

    predict(open, "m", MINUTE + 30_000, 1); // a late event reopens 12:00 until the next flush
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(5); // pending: not in the stores yet
    open.flush(closes + 1_000);
    assertThat(storedMinutes("m")).containsExactly(KeyValue.pair(MINUTE, 6L));
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(6);
    assertThat(predictions("m", MINUTE, MINUTE + MinuteStores.MINUTE_MS)).isEqualTo(7);
    assertThat(open.openMinutes()).isEqualTo(1);
  }

  @Test
  void commitsWithinAChunkSpanRewriteOneDelta() {
    OpenMinutes open = new OpenMinutes(minutes, deltas);
    for (int commit = 0; commit < 10; commit++) {
      predict(open, "m", MINUTE + 1_000, 1);
      open.flush(MINUTE + 1_000 + commit * 100); // ten commits in one second
    }
    predict(open, "m", MINUTE + 2_500, 1);
    open.flush(MINUTE + 2_500);

    assertThat(deltaKeys()).containsExactly(
        MinuteStores.deltaKey("m", MINUTE, 0), MinuteStores.deltaKey("m", MINUTE, 1));
    assertThat(MinuteBucket.fromBytes(deltas.get(MinuteStores.deltaKey("m", MINUTE, 0)))
        .predictions).isEqualTo(10);
    OpenMinutes recovered = new OpenMinutes(minutes, deltas);
    recovered.recover();
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(11);
  }

  @Test
  void modelsCloseTheirMinutesAtDifferentMoments() {
    assertThat(java.util.stream.IntStream.range(0, 20)
        .mapToLong(i -> OpenMinutes.closesAt("model-" + i, MINUTE)).distinct().count())
        .isGreaterThan(10);
    assertThat(java.util.stream.IntStream.range(0, 20)
        .mapToLong(i -> OpenMinutes.closesAt("model-" + i, MINUTE) - MINUTE))
        .allSatisfy(delay -> assertThat(delay).isBetween(65_000L, 95_000L));
  }

  @Test
  void afterADiscardWhatWasCommittedIsRecovered() {
    OpenMinutes open = new OpenMinutes(minutes, deltas);
    predict(open, "m", MINUTE + 1_000, 3);
    open.flush(MINUTE + 2_000);
    predict(open, "m", MINUTE + 3_000, 4);
    open.discard();
    assertThat(open.openMinutes()).isZero();
    open.recover();

    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(3);
  }

  @Test
  void deltaKeysAreTheModelTheMinuteAndTheSequenceInFixedWidthHex() {
    assertThat(MinuteStores.deltaKey("m", MINUTE, 10))
        .isEqualTo("m\u0000" + "000001955193de00" + "\u0000" + "0000000a");
    assertThat(MinuteStores.deltaFrom("m", MINUTE)).isEqualTo("m\u0000000001955193de00");
    assertThat(MinuteStores.DeltaKey.parse(MinuteStores.deltaKey("model-1", MINUTE, 255)))
        .isEqualTo(new MinuteStores.DeltaKey("model-1", MINUTE, 255));
  }

  @Test
  void aMinuteBeingClosedIsCountedOnce() {
    OpenMinutes open = fivePredictionsInTwoDeltas();
    Map<String, byte[]> beforeTheClose = memory.deltaEntries();
    open.flush(OpenMinutes.closesAt("m", MINUTE));
    memory.deletesNotYetDone(beforeTheClose);

    assertThat(storedMinutes("m")).containsExactly(KeyValue.pair(MINUTE, 5L));
    assertThat(deltaKeys()).containsExactly(
        MinuteStores.deltaKey("m", MINUTE, 0), MinuteStores.deltaKey("m", MINUTE, 1));
    assertThat(memory.stored("m", MINUTE).absorbedThrough).isEqualTo(1);
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(5);
    assertThat(MinuteStores.read(minutes, deltas, "m", MINUTE, MINUTE).get(MINUTE).errors())
        .isEqualTo(2);
    assertThat(MinuteStores.lastMinuteWithTraffic(minutes, deltas, "m", MINUTE,
        MINUTE + MinuteStores.MINUTE_MS)).isEqualTo(MINUTE);
  }

  @Test
  void aReopenedMinuteCountsItsNewEventsBeforeItClosesAgain() {
    long closes = OpenMinutes.closesAt("m", MINUTE);
    fivePredictionsInTwoDeltas().flush(closes);
    // The task moves to an instance whose clock is 10 s behind: there 12:00 has not closed yet,
    // and a late event opens it again.
    OpenMinutes behind = new OpenMinutes(minutes, deltas);
    behind.recover();
    predict(behind, "m", MINUTE + 30_000, 1);
    behind.flush(closes - 10_000);

    assertThat(deltaKeys()).containsExactly(MinuteStores.deltaKey("m", MINUTE, 2));
    assertThat(storedMinutes("m")).containsExactly(KeyValue.pair(MINUTE, 5L));
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(6);

    Map<String, byte[]> beforeTheClose = memory.deltaEntries();
    behind.flush(closes);
    assertThat(deltaKeys()).isEmpty();
    memory.deletesNotYetDone(beforeTheClose);
    assertThat(storedMinutes("m")).containsExactly(KeyValue.pair(MINUTE, 6L));
    assertThat(memory.stored("m", MINUTE).absorbedThrough).isEqualTo(2);
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(6);
  }

  @Test
  void aCloseWhoseDeletesWereLostCountsOnceAfterARestart() {
    OpenMinutes open = fivePredictionsInTwoDeltas();
    long closes = OpenMinutes.closesAt("m", MINUTE);
    Map<String, byte[]> beforeTheClose = memory.deltaEntries();
    open.flush(closes);
    memory.deletesNotYetDone(beforeTheClose);

    OpenMinutes restarted = new OpenMinutes(minutes, deltas);
    restarted.recover();
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(5);
    predict(restarted, "m", MINUTE + 30_000, 1); // late
    restarted.flush(closes + 1_000);

    assertThat(storedMinutes("m")).containsExactly(KeyValue.pair(MINUTE, 6L));
    assertThat(deltaKeys()).isEmpty();
    assertThat(restarted.openMinutes()).isZero();
  }

  @Test
  void aMinuteStoredBeforeBucketsRecordedTheirDeltasCountsTheDeltasWrittenAfterIt() {
    long closes = OpenMinutes.closesAt("m", MINUTE);
    minutes.put("m", MinuteBucketTest.bucketOfAnEarlierVersion(), MINUTE); // 3 predictions
    OpenMinutes open = new OpenMinutes(minutes, deltas);
    predict(open, "m", MINUTE + 30_000, 1);
    open.flush(closes - 10_000); // a clock behind the one that closed it

    assertThat(deltaKeys()).containsExactly(MinuteStores.deltaKey("m", MINUTE, 0));
    assertThat(predictions("m", MINUTE, MINUTE)).isEqualTo(4);
    open.flush(closes);
    assertThat(storedMinutes("m")).containsExactly(KeyValue.pair(MINUTE, 4L));
    assertThat(memory.stored("m", MINUTE).absorbedThrough).isZero();
    assertThat(deltaKeys()).isEmpty();
  }

  @Test
  void aMinuteClosedBetweenTheReadsOfItsTwoStoresIsCountedOnce() {
    long closes = OpenMinutes.closesAt("m", MINUTE);
    OpenMinutes open = fivePredictionsInTwoDeltas();
    ChecksStores reading = new CloseBetweenReads(memory, () -> open.flush(closes)).stores();

    assertThat(MinuteStores.read(reading.minutes(), reading.deltas(), "m", MINUTE, MINUTE))
        .extractingByKey(MINUTE).extracting(bucket -> bucket.predictions).isEqualTo(5L);
    assertThat(storedMinutes("m")).containsExactly(KeyValue.pair(MINUTE, 5L));
  }

  @Test
  void theLastMinuteWithTrafficIsFoundWhileItCloses() {
    long closes = OpenMinutes.closesAt("m", MINUTE);
    OpenMinutes open = fivePredictionsInTwoDeltas();
    ChecksStores reading = new CloseBetweenReads(memory, () -> open.flush(closes)).stores();

    assertThat(MinuteStores.lastMinuteWithTraffic(reading.minutes(), reading.deltas(), "m",
        MINUTE, closes)).isEqualTo(MINUTE);
    assertThat(deltaKeys()).isEmpty();
  }
}
