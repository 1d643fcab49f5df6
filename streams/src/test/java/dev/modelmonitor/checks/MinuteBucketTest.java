package dev.modelmonitor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.schema.Outcome;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinuteBucketTest {
  /**
   * A bucket as the version before {@link MinuteBucket#absorbedThrough} stored it: 3 predictions
   * at 12:00:10-12 (one ERROR "Timeout"; latencies 10, 20, 30 ms; version v1; an untracked
   * feature x) and one label joined, equal to its prediction 1.
   */
  private static final String EARLIER_VERSION =
      "AQAAAAAAAAAAAAAAAAAAAAMEAAAAAAAAAAIAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAGVUZQM4AAAAJMBTgAA"
      + "AMgAAAAAAAAAAAAAAAMAAAAAAAAAAAAAAAAAAAAAQDQAAAAAAABAaQAAAAAAAEAkAAAAAAAAQD4AAAAAAAAAAAAA"
      + "AAAAAAAAAAMBAAAAQAUBDwDIAAgAAwAAAAAAAADIAAEAxQAAAAAAAAAAACRAAAAAAAAAPkAAAAAAAAA+QAAAAAAA"
      + "ADRAAAAAAAAAJEAAAAA9AUMAAAAUAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAAB1RpbWVv"
      + "dXQAAAAAAAAAAQAAADgBQwAAAAoAAAAAAAAAAwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAACdjEAAAAA"
      + "AAAAAwAAAAAAAAABAAF4AAAAAAAAAAMAAAAAAAAAAAAAAAAAAAAA/////wAAAAAAAAABAAAAAAAAAAAAAAAAAAAA"
      + "AQAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  static byte[] bucketOfAnEarlierVersion() {
    return Base64.getDecoder().decode(EARLIER_VERSION);
  }

  @Test
  void bucketsWrittenBeforeThisChangeStillDecode() {
    MinuteBucket bucket = MinuteBucket.fromBytes(bucketOfAnEarlierVersion());

    assertThat(bucket.predictions).isEqualTo(3);
    assertThat(bucket.outcomes[Outcome.OK.ordinal()]).isEqualTo(2);
    assertThat(bucket.outcomes[Outcome.ERROR.ordinal()]).isEqualTo(1);
    assertThat(bucket.lastEventMillis)
        .isEqualTo(Instant.parse("2025-03-01T12:00:12Z").toEpochMilli());
    assertThat(bucket.latencyMs.count()).isEqualTo(3);
    assertThat(bucket.errorTypes.categoryCounts()).isEqualTo(Map.of("Timeout", 1L));
    assertThat(bucket.versions.categoryCounts()).isEqualTo(Map.of("v1", 3L));
    assertThat(bucket.untracked).containsOnlyKeys("x");
    assertThat(bucket.untracked.get("x")).containsExactly(3, 0);
    assertThat(bucket.labelled).isEqualTo(1);
    assertThat(bucket.correct).isEqualTo(1);
    assertThat(bucket.numericPairs).isEqualTo(1);
    assertThat(bucket.absorbedThrough).isEqualTo(-1); // nothing known absorbed: deltas all count
  }

  @Test
  void theLastAbsorbedDeltaSurvivesTheBytes() {
    MinuteBucket bucket = MinuteBucket.fromBytes(bucketOfAnEarlierVersion());
    bucket.absorbedThrough = 41;

    MinuteBucket again = MinuteBucket.fromBytes(bucket.toBytes());

    assertThat(again.absorbedThrough).isEqualTo(41);
    assertThat(again.predictions).isEqualTo(3);
    assertThat(again.labelled).isEqualTo(1);
    assertThat(bucket.toBytes()).hasSize(bucketOfAnEarlierVersion().length + Integer.BYTES);
  }
}
