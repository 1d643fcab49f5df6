package dev.modelmonitor.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventSanitizerTest {
  enum Tier { GOLD }

  private final Map<FieldIssue, Integer> issues = new EnumMap<>(FieldIssue.class);
  private final EventSanitizer sanitizer =
      new EventSanitizer(5, 16, Set.of("ssn"), issue -> issues.merge(issue, 1, Integer::sum));

  @Test
  void coercesWholeNumbersToLongAndOtherNumbersToDouble() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("int", 7);
    in.put("short", (short) 3);
    in.put("byte", (byte) -2);
    in.put("atomic", new AtomicLong(9));
    in.put("big", new BigInteger("12345678901234567890"));
    Map<String, Object> out = sanitizer.features(in);
    assertThat(out)
        .containsOnly(
            entry("int", 7L), entry("short", 3L), entry("byte", -2L), entry("atomic", 9L),
            entry("big", 1.2345678901234567e19));
    assertThat(sanitizer.features(Map.of("f", 0.5f, "d", new BigDecimal("2.25"), "ai", new AtomicInteger(4))))
        .containsOnly(entry("f", 0.5), entry("d", 2.25), entry("ai", 4L));
    assertThat(issues).isEmpty();
  }

  @Test
  void keepsSchemaTypesAndTurnsCharactersAndEnumsIntoStrings() {
    Map<String, Object> in = new HashMap<>();
    in.put("b", true);
    in.put("l", 5L);
    in.put("x", 1.5);
    in.put("s", "red");
    in.put("missing", null);
    assertThat(sanitizer.features(in)).isEqualTo(in);
    assertThat(sanitizer.features(Map.of("c", 'y', "tier", Tier.GOLD, "sb", new StringBuilder("ab"))))
        .containsOnly(entry("c", "y"), entry("tier", "GOLD"), entry("sb", "ab"));
    assertThat(issues).isEmpty();
  }

  @Test
  void turnsNanAndInfinitiesIntoMissingValuesAndCountsThem() {
    Map<String, Object> out =
        sanitizer.features(
            Map.of("nan", Double.NaN, "inf", Double.POSITIVE_INFINITY, "ninf", Float.NEGATIVE_INFINITY,
                "huge", new BigDecimal("1e400")));
    assertThat(out).containsOnly(entry("nan", null), entry("inf", null), entry("ninf", null), entry("huge", null));
    assertThat(issues).containsExactly(entry(FieldIssue.NON_FINITE, 4));
  }

  @Test
  void truncatesLongStringsAndNamesAndCountsThem() {
    Map<String, Object> out = sanitizer.features(Map.of("comment", "0123456789abcdefTAIL", "0123456789abcdefXYZ", 1));
    assertThat(out).containsOnly(entry("comment", "0123456789abcdef"), entry("0123456789abcdef", 1L));
    assertThat(issues).containsExactly(entry(FieldIssue.TRUNCATED, 2));
  }

  @Test
  void dropsFeaturesOfUnsupportedTypesOrBlankNamesAndCountsThem() {
    Map<String, Object> in = new HashMap<>();
    in.put("list", List.of(1, 2));
    in.put("when", Instant.EPOCH);
    in.put(" ", 1);
    in.put(null, 2);
    in.put("ok", 3);
    assertThat(sanitizer.features(in)).containsOnly(entry("ok", 3L));
    assertThat(issues)
        .containsOnly(entry(FieldIssue.UNSUPPORTED_TYPE, 2), entry(FieldIssue.INVALID_NAME, 2));
  }

  @Test
  void signalsTooManyFeaturesWithNullSoTheEventIsDropped() {
    Map<String, Object> six = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      six.put("f" + i, i);
    }
    assertThat(sanitizer.features(six)).isNull();
    six.remove("f5");
    assertThat(sanitizer.features(six)).hasSize(5);
  }

  @Test
  void leavesRedactedFeaturesOutWithoutCountingThem() {
    assertThat(sanitizer.features(Map.of("ssn", "123-45-6789", "age", 40))).containsOnly(entry("age", 40L));
    assertThat(issues).isEmpty();
  }

  @Test
  void readsANullFeatureMapAsEmpty() {
    assertThat(sanitizer.features(null)).isEmpty();
  }

  @Test
  void keepsFiniteScoresAndDropsTheRest() {
    Map<String, Number> scores = new HashMap<>();
    scores.put("yes", 0.75);
    scores.put("no", 0.25f);
    scores.put("one", 1);
    scores.put("bad", Double.NaN);
    assertThat(sanitizer.scores(scores)).containsOnly(entry("yes", 0.75), entry("no", 0.25), entry("one", 1.0));
    assertThat(issues).containsExactly(entry(FieldIssue.NON_FINITE, 1));
    assertThat(sanitizer.scores(null)).isNull();
  }

  @Test
  void turnsAnUnsupportedPredictionIntoNull() {
    assertThat(sanitizer.value(List.of("a"))).isNull();
    assertThat(sanitizer.value(Tier.GOLD)).isEqualTo("GOLD");
    assertThat(sanitizer.value(3)).isEqualTo(3L);
    assertThat(issues).containsExactly(entry(FieldIssue.UNSUPPORTED_TYPE, 1));
  }
}
