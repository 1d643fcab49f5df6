package dev.modelmonitor.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class JoinBufferTest {
  private final KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore("j").get();
  private final JoinBuffer buffer = new JoinBuffer(store, 1_000);

  @Test
  void takesAnEntryOnlyWithinTheGivenTimesAndOnlyOnce() {
    buffer.put("m\u0000r1", 1_500, new byte[] {7});
    assertThat(buffer.take("m\u0000r1", 1_501, 2_999)).isNull();
    assertThat(buffer.take("m\u0000r2", 0, 2_999)).isNull();

    JoinBuffer.Waiting taken = buffer.take("m\u0000r1", 500, 2_500);
    assertThat(taken.timestamp()).isEqualTo(1_500);
    assertThat(taken.payload()).containsExactly(7);
    assertThat(buffer.take("m\u0000r1", 0, 2_999)).isNull();
    assertThat(entries()).isZero();
  }

  @Test
  void aSecondRecordWithTheSameKeyReplacesTheFirstInItsBucketAndWaitsBesideItInAnother() {
    buffer.put("m\u0000r1", 1_000, new byte[] {1});
    buffer.put("m\u0000r1", 1_900, new byte[] {2});
    buffer.put("m\u0000r1", 2_100, new byte[] {3});
    assertThat(entries()).isEqualTo(2);
    assertThat(buffer.take("m\u0000r1", 1_000, 2_999).payload()).as("earliest bucket first")
        .containsExactly(2);
    assertThat(buffer.take("m\u0000r1", 1_000, 2_999).payload()).containsExactly(3);
    assertThat(entries()).isZero();
  }

  @Test
  void expiresExactlyTheEntriesDatedBeforeTheGivenTimeNegativeTimesIncluded() {
    buffer.put("m\u0000old", -5_000, new byte[0]);
    buffer.put("m\u0000r1", 1_999, new byte[0]);
    buffer.put("m\u0000r2", 2_000, new byte[0]);
    buffer.put("n\u0000r3", 2_001, new byte[0]);
    buffer.put("n\u0000r4", 3_000, new byte[0]);
    assertThat(buffer.expireBefore(Long.MIN_VALUE)).isZero();

    assertThat(buffer.expireBefore(2_001)).isEqualTo(3);
    assertThat(buffer.take("m\u0000old", -6_000, -4_000)).isNull();
    assertThat(buffer.take("m\u0000r1", 0, 2_999)).isNull();
    assertThat(buffer.take("m\u0000r2", 0, 2_999)).isNull();
    assertThat(buffer.take("n\u0000r3", 0, 2_999)).isNotNull();
    assertThat(buffer.take("n\u0000r4", 1_000, 3_000)).isNotNull();
    assertThat(entries()).isZero();
  }

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
