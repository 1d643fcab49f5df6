package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookbackReaderTest {
  private static final long NOON = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();
  @TempDir Path stateDir;
  private ChecksDriver checks;
  private final LookbackReader reader = new LookbackReader();

  @BeforeEach
  void start() {
    checks = new ChecksDriver(ChecksSettings.defaults(), stateDir);
  }

  @AfterEach
  void close() {
    checks.close();
  }

  private LookbackWindow lastFiveMinutes() {
    long now = checks.now().toEpochMilli();
    return reader.read(checks.stores(), "m", MinuteStores.floorMinute(now) - 4 * 60_000,
        MinuteStores.floorMinute(now), 0, now);
  }

  private void predict(Instant at, int times) {
    for (int i = 0; i < times; i++) {
      checks.send(checks.prediction("m", Map.of()).setTimestamp(at).build());
    }
  }

  @Test
  void endedMinutesAreSummedOnceAndSummedAgainWhenALateEventChangedOne() {
    predict(checks.now(), 3); // 12:00:30
    checks.advance(Duration.ofSeconds(90)); // 12:02:00: 12:00 has ended and closes
    predict(checks.now(), 2);

    LookbackWindow first = lastFiveMinutes();
    LookbackWindow again = lastFiveMinutes(); // the ended minutes' cached sum
    predict(Instant.ofEpochMilli(NOON + 40_000), 1); // late: reopens 12:00
    LookbackWindow reopened = lastFiveMinutes();
    checks.advance(Duration.ofSeconds(20)); // 12:02:20, the same lookback: 12:00 closes again
    checks.send(checks.heartbeat("m", "pod-a", 10_000)); // a record, so the driver commits
    LookbackWindow closedAgain = lastFiveMinutes();

    assertThat(first.total.predictions).isEqualTo(5);
    assertThat(first.minutesWithData).isEqualTo(2);
    assertThat(again.total.predictions).isEqualTo(5);
    assertThat(reopened.total.predictions).isEqualTo(6);
    assertThat(reopened.minutesWithData).isEqualTo(2);
    assertThat(closedAgain.total.predictions).isEqualTo(6); // not the stale sum of 12:00's 3
    assertThat(closedAgain.minutesWithData).isEqualTo(2);
  }

  @Test
  void aMinuteBeingClosedIsCountedOnce() {
    predict(checks.now(), 3); // 12:00:30
    checks.stopBetweenTheWritesOfAClose(() -> {
      checks.advance(Duration.ofSeconds(90)); // 12:02:00: 12:00 has ended and closes
      predict(checks.now(), 2);
    });

    LookbackWindow during = lastFiveMinutes();

    assertThat(checks.stores().deltas().get(MinuteStores.deltaKey("m", NOON, 0))).isNotNull();
    assertThat(during.total.predictions).isEqualTo(5);
    assertThat(during.minutesWithData).isEqualTo(2);
  }

  @Test
  void aReopenedMinuteCountsItsNewEventsBeforeItClosesAgain() {
    InMemoryMinutes memory = new InMemoryMinutes();
    long closes = OpenMinutes.closesAt("m", NOON);
    OpenMinutes first = memory.newOpenMinutes();
    InMemoryMinutes.predict(first, "m", NOON + 1_000, 3);
    first.flush(NOON + 2_000);
    first.flush(closes);
    long end = NOON + 2 * 60_000;
    LookbackWindow closed = reader.read(memory.stores(), "m", NOON, NOON, 0, end);
    // The task moves to an instance whose clock is 10 s behind: there 12:00 is not closed yet,
    // and a late event opens it again.
    OpenMinutes behind = memory.newOpenMinutes();
    behind.recover();
    InMemoryMinutes.predict(behind, "m", NOON + 30_000, 1);
    behind.flush(closes - 10_000);
    LookbackWindow reopened = reader.read(memory.stores(), "m", NOON, NOON, 0, end);
    Map<String, byte[]> beforeTheClose = memory.deltaEntries();
    behind.flush(closes);
    memory.deletesNotYetDone(beforeTheClose);
    LookbackWindow closing = reader.read(memory.stores(), "m", NOON, NOON, 0, end);
    memory.deletesDone(beforeTheClose);
    LookbackWindow closedAgain = reader.read(memory.stores(), "m", NOON, NOON, 0, end);

    assertThat(closed.total.predictions).isEqualTo(3);
    assertThat(reopened.total.predictions).isEqualTo(4);
    assertThat(reopened.total.errors()).isEqualTo(2);
    assertThat(reopened.minutesWithData).isEqualTo(1);
    assertThat(closing.total.predictions).isEqualTo(4);
    assertThat(closing.minutesWithData).isEqualTo(1);
    assertThat(closedAgain.total.predictions).isEqualTo(4);
  }

  @Test
  void aMinuteClosedBetweenTheReadsOfItsTwoStoresIsCountedOnce() {
    InMemoryMinutes memory = new InMemoryMinutes();
    long closes = OpenMinutes.closesAt("m", NOON);
    OpenMinutes open = memory.newOpenMinutes();
    InMemoryMinutes.predict(open, "m", NOON + 1_000, 3);
    open.flush(NOON + 2_000);
    ChecksStores reading = new CloseBetweenReads(memory, () -> open.flush(closes)).stores();

    LookbackWindow window = reader.read(reading, "m", NOON, NOON, 0, NOON + 2 * 60_000);

    assertThat(window.total.predictions).isEqualTo(3);
    assertThat(window.minutesWithData).isEqualTo(1);
    assertThat(memory.stored("m", NOON).predictions).isEqualTo(3);
  }
}
