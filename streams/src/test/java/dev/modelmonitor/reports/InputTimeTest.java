package dev.modelmonitor.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class InputTimeTest {
  private final KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore("c").get();

  @Test
  void movesOnlyForwardAndARestartedTaskResumesAtTheLastCommittedTime() {
    InputTime time = InputTime.predictions(store);
    assertThat(time.now()).isEqualTo(Long.MIN_VALUE);
    assertThat(time.advance(5_000)).isEqualTo(5_000);
    assertThat(time.advance(3_000)).isEqualTo(5_000);
    assertThat(InputTime.predictions(store).now()).as("not committed yet")
        .isEqualTo(Long.MIN_VALUE);

    time.commit();
    assertThat(InputTime.predictions(store).now()).isEqualTo(5_000);
  }

  @Test
  void discardingGoesBackToTheLastCommittedTime() {
    InputTime time = InputTime.predictions(store);
    time.advance(5_000);
    time.commit();
    time.advance(9_000);
    time.discard();
    assertThat(time.now()).isEqualTo(5_000);
    time.commit();
    assertThat(InputTime.predictions(store).now()).isEqualTo(5_000);
  }

  @Test
  void predictionAndLabelTimesAreKeptApart() {
    InputTime predictions = InputTime.predictions(store);
    InputTime labels = InputTime.labels(store);
    predictions.advance(5_000);
    labels.advance(2_000);
    predictions.commit();
    labels.commit();
    assertThat(InputTime.predictions(store).now()).isEqualTo(5_000);
    assertThat(InputTime.labels(store).now()).isEqualTo(2_000);
  }
}
