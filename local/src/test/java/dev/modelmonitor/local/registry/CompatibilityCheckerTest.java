package dev.modelmonitor.local.registry;

import static dev.modelmonitor.local.registry.Schemas.SENSOR;
import static dev.modelmonitor.local.registry.Schemas.SENSOR_AS_INT_WITH_DEFAULT;
import static dev.modelmonitor.local.registry.Schemas.SENSOR_WITH_DEFAULT;
import static dev.modelmonitor.local.registry.Schemas.UNIT;
import static dev.modelmonitor.local.registry.Schemas.VALUE_WITH_DEFAULT;
import static dev.modelmonitor.local.registry.Schemas.parse;
import static dev.modelmonitor.local.registry.Schemas.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.local.registry.CompatibilityChecker.Earlier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompatibilityCheckerTest {

  private static List<String> problems(
      CompatibilityLevel level, String candidate, String... earlier) {
    List<Earlier> versions = new ArrayList<>();
    for (int i = 0; i < earlier.length; i++) {
      versions.add(new Earlier(i + 1, parse(earlier[i])));
    }
    return CompatibilityChecker.problems(level, parse(candidate), versions);
  }

  @ParameterizedTest
  @EnumSource(CompatibilityLevel.class)
  void anAddedFieldWithADefaultPassesEveryLevel(CompatibilityLevel level) {
    assertThat(problems(level, reading(SENSOR, VALUE_WITH_DEFAULT), reading(SENSOR))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(CompatibilityLevel.class)
  void anythingFollowsNothing(CompatibilityLevel level) {
    assertThat(problems(level, reading(UNIT))).isEmpty();
  }

  @Test
  void anAddedFieldWithoutADefaultIsForwardButNotBackwardCompatible() {
    String next = reading(SENSOR, UNIT);
    assertThat(problems(CompatibilityLevel.FORWARD, next, reading(SENSOR))).isEmpty();
    assertThat(problems(CompatibilityLevel.NONE, next, reading(SENSOR))).isEmpty();
    assertThat(problems(CompatibilityLevel.BACKWARD, next, reading(SENSOR)))
        .singleElement()
        .asString()
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("the new schema cannot read data written with version 1")
        .contains("unit");
    assertThat(problems(CompatibilityLevel.FULL, next, reading(SENSOR))).hasSize(1);
  }

  @Test
  void aRemovedFieldWithoutADefaultIsBackwardButNotForwardCompatible() {
    String next = reading(VALUE_WITH_DEFAULT);
    assertThat(problems(CompatibilityLevel.BACKWARD, next, reading(SENSOR))).isEmpty();
    assertThat(problems(CompatibilityLevel.FORWARD, next, reading(SENSOR)))
        .singleElement()
        .asString()
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("version 1 cannot read data written with the new schema")
        .contains("sensor");
    assertThat(problems(CompatibilityLevel.FULL, next, reading(SENSOR))).hasSize(1);
  }

  @Test
  void backwardTransitiveAlsoChecksVersionsBeforeTheLatest() {
    // Reads the empty version 2 (default used) but not version 1's string as an int.
    String next = reading(SENSOR_AS_INT_WITH_DEFAULT);
    String[] earlier = {reading(SENSOR), reading()};
    assertThat(problems(CompatibilityLevel.BACKWARD, next, earlier)).isEmpty();
    assertThat(problems(CompatibilityLevel.BACKWARD_TRANSITIVE, next, earlier))
        .singleElement()
        .asString()
        .contains("TYPE_MISMATCH")
        .contains("version 1");
    assertThat(problems(CompatibilityLevel.FULL_TRANSITIVE, next, earlier)).isNotEmpty();
  }

  @Test
  void forwardTransitiveAlsoChecksVersionsBeforeTheLatest() {
    // Version 2 reads it (its sensor has a default); version 1 cannot (its sensor has none).
    String next = reading();
    String[] earlier = {reading(SENSOR), reading(SENSOR_WITH_DEFAULT)};
    assertThat(problems(CompatibilityLevel.FORWARD, next, earlier)).isEmpty();
    assertThat(problems(CompatibilityLevel.FORWARD_TRANSITIVE, next, earlier))
        .singleElement()
        .asString()
        .contains("version 1 cannot read data written with the new schema");
  }

  @Test
  void levelsParseCaseInsensitivelyAndRejectUnknownOnesWith42203() {
    assertThat(CompatibilityLevel.parse("full_transitive"))
        .isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(CompatibilityLevel.parse(" Backward ")).isEqualTo(CompatibilityLevel.BACKWARD);
    RegistryException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            RegistryException.class, () -> CompatibilityLevel.parse("SIDEWAYS"));
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.errorCode()).isEqualTo(42203);
    assertThat(e.getMessage()).startsWith("Invalid compatibility level 'SIDEWAYS'");
  }
}
