package dev.modelmonitor.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class JoinBufferTest {
  private final KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore("j").get();
  private final JoinBuffer buffer = new JoinBuffer(store);

  @Test
  void takesAnEntryOnlyWithinTheGivenTimesAndOnlyOnce() {
    buffer.put("m\u0000r1", 1_000, new byte[] {7});
    assertThat(buffer.take("m\u0000r1", 1_001, 2_000)).isNull();
    assertThat(buffer.take("m\u0000r2", 0, 2_000)).isNull();

    JoinBuffer.Waiting taken = buffer.take("m\u0000r1", 1_000, 1_000);
    assertThat(taken.timestamp()).isEqualTo(1_000);
    assertThat(taken.payload()).containsExactly(7);
    assertThat(buffer.take("m\u0000r1", 0, 2_000)).isNull();
    assertThat(entries()).isZero();
  }

  @Test
  void aSecondRecordWithTheSameKeyReplacesTheFirstAndItsExpiry() {
    buffer.put("m\u0000r1", 1_000, new byte[] {1});
    buffer.put("m\u0000r1", 5_000, new byte[] {2});
    assertThat(buffer.expireBefore(2_000)).isZero();
    assertThat(buffer.take("m\u0000r1", 0, 9_000).payload()).containsExactly(2);
    assertThat(entries()).isZero();
  }

  @Test
  void expiresExactlyTheEntriesDatedBeforeTheGivenTimeNegativeTimesIncluded() {
    buffer.put("m\u0000old", -5_000, new byte[0]);
    buffer.put("m\u0000r1", 999, new byte[0]);
    buffer.put("m\u0000r2", 1_000, new byte[0]);
    buffer.put("n\u0000r3", 1_001, new byte[0]);
    assertThat(buffer.expireBefore(Long.MIN_VALUE)).isZero();

    assertThat(buffer.expireBefore(1_000)).isEqualTo(2);
    assertThat(buffer.take("m\u0000old", Long.MIN_VALUE, Long.MAX_VALUE)).isNull();
    assertThat(buffer.take("m\u0000r1", Long.MIN_VALUE, Long.MAX_VALUE)).isNull();
    assertThat(buffer.take("m\u0000r2", Long.MIN_VALUE, Long.MAX_VALUE)).isNotNull();
    assertThat(buffer.take("n\u0000r3", Long.MIN_VALUE, Long.MAX_VALUE)).isNotNull();
    assertThat(entries()).isZero();
  }

  /** Store records: entries and their index entries. */
  private int entries() {
    int n = 0;
    try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
      while (all.hasNext()) {
        all.next();
        n++;
      }
    }
    return n;
  }
}
