package dev.modelmonitor.local.registry;

import static dev.modelmonitor.local.registry.Schemas.SENSOR;
import static dev.modelmonitor.local.registry.Schemas.UNIT;
import static dev.modelmonitor.local.registry.Schemas.VALUE_WITH_DEFAULT;
import static dev.modelmonitor.local.registry.Schemas.parse;
import static dev.modelmonitor.local.registry.Schemas.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SchemaStoreTest {
  private final ListSchemaLog log = new ListSchemaLog();
  private final SchemaStore store = new SchemaStore(log);

  private static RegistryException refusal(ThrowingCallable call) {
    return catchThrowableOfType(RegistryException.class, call);
  }

  @Test
  void registeringTheSameSchemaTwiceReturnsTheSameIdAndWritesOnce() {
    int first = store.register("a-value", parse(reading(SENSOR)));
    int second = store.register("a-value", parse(reading(SENSOR)));
    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(1);
    assertThat(store.versions("a-value")).containsExactly(1);
    assertThat(log.entries).hasSize(1);
  }

  @Test
  void theSameSchemaUnderTwoSubjectsSharesItsId() {
    int a = store.register("a-value", parse(reading(SENSOR)));
    int b = store.register("b-value", parse(reading(SENSOR)));
    int other = store.register("b-value", parse(reading(SENSOR, VALUE_WITH_DEFAULT)));
    assertThat(a).isEqualTo(1);
    assertThat(b).isEqualTo(1);
    assertThat(other).isEqualTo(2);
    assertThat(store.versionsOfId(1))
        .containsExactly(
            new SchemaStore.Version("a-value", 1, 1, false),
            new SchemaStore.Version("b-value", 1, 1, false));
  }

  @Test
  void aSchemaDifferingOnlyInWhitespaceIsTheSameSchema() {
    int id = store.register("a-value", parse(reading(SENSOR)));
    String spaced = reading(SENSOR).replace(",", " ,\n  ");
    assertThat(store.register("a-value", parse(spaced))).isEqualTo(id);
    assertThat(store.lookup("a-value", parse(spaced)).version()).isEqualTo(1);
  }

  @Test
  void anIncompatibleSchemaIsRefusedWith409AndNothingIsStored() {
    store.register("a-value", parse(reading(SENSOR)));
    RegistryException e = refusal(() -> store.register("a-value", parse(reading(SENSOR, UNIT))));
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.errorCode()).isEqualTo(409);
    assertThat(e.getMessage())
        .startsWith(
            "Schema being registered is incompatible with an earlier schema for subject \"a-value\""
                + " (compatibility BACKWARD)")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(log.entries).hasSize(1);
    assertThat(store.versions("a-value")).containsExactly(1);
  }

  @Test
  void versionsCountPerSubjectAndLatestIsTheNewest() {
    store.register("a-value", parse(reading(SENSOR)));
    int second = store.register("a-value", parse(reading(SENSOR, VALUE_WITH_DEFAULT)));
    SchemaStore.SchemaVersion latest = store.version("a-value", "latest");
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.id()).isEqualTo(second);
    assertThat(latest.schema()).isEqualTo(parse(reading(SENSOR, VALUE_WITH_DEFAULT)).toString());
    assertThat(store.version("a-value", "-1")).isEqualTo(latest);
    assertThat(store.version("a-value", "1").id()).isEqualTo(1);
  }

  @Test
  void unknownSubjectVersionAndIdAreAnsweredWithConfluentsCodes() {
    store.register("a-value", parse(reading(SENSOR)));
    assertThat(refusal(() -> store.versions("nope")).errorCode()).isEqualTo(40401);
    assertThat(refusal(() -> store.version("nope", "latest")).errorCode()).isEqualTo(40401);
    assertThat(refusal(() -> store.version("a-value", "7")).errorCode()).isEqualTo(40402);
    assertThat(refusal(() -> store.version("a-value", "0")).errorCode()).isEqualTo(42202);
    assertThat(refusal(() -> store.version("a-value", "first")).errorCode()).isEqualTo(42202);
    assertThat(refusal(() -> store.schemaById(99)).errorCode()).isEqualTo(40403);
    assertThat(refusal(() -> store.lookup("nope", parse(reading(SENSOR)))).errorCode())
        .isEqualTo(40401);
    assertThat(refusal(() -> store.lookup("a-value", parse(reading(UNIT)))).errorCode())
        .isEqualTo(40403);
  }

  @Test
  void aSubjectLevelOverridesTheGlobalLevel() {
    store.register("a-value", parse(reading(SENSOR)));
    store.setLevel("a-value", CompatibilityLevel.FORWARD);
    assertThat(store.subjectLevel("a-value", false)).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(store.register("a-value", parse(reading(SENSOR, UNIT)))).isEqualTo(2);
  }

  @Test
  void aSubjectWithoutItsOwnLevelAnswers40408UnlessAskedToDefaultToGlobal() {
    store.setLevel(null, CompatibilityLevel.FULL);
    assertThat(refusal(() -> store.subjectLevel("a-value", false)).errorCode()).isEqualTo(40408);
    assertThat(store.subjectLevel("a-value", true)).isEqualTo(CompatibilityLevel.FULL);
  }

  @Test
  void levelNoneAcceptsAnything() {
    store.setLevel(null, CompatibilityLevel.NONE);
    store.register("a-value", parse(reading(SENSOR)));
    assertThat(store.register("a-value", parse(reading(UNIT)))).isEqualTo(2);
  }

  @Test
  void compatibilityAgainstOneVersionUsesTheSubjectsDirection() {
    store.register("a-value", parse(reading(SENSOR)));
    assertThat(store.compatibilityProblems("a-value", "latest", parse(reading(SENSOR, UNIT))))
        .hasSize(1);
    assertThat(
            store.compatibilityProblems("a-value", "1", parse(reading(SENSOR, VALUE_WITH_DEFAULT))))
        .isEmpty();
    assertThat(store.compatibilityProblems("new-value", null, parse(reading(UNIT)))).isEmpty();
    assertThat(
            refusal(() -> store.compatibilityProblems("new-value", "latest", parse(reading(UNIT))))
                .errorCode())
        .isEqualTo(40401);
  }

  @Test
  void aSoftDeletedSubjectDisappearsAndComesBackWithTheNextVersionNumberAndTheSameId() {
    int id = store.register("a-value", parse(reading(SENSOR)));
    assertThat(store.deleteSubject("a-value", false)).containsExactly(1);
    assertThat(store.subjects(false)).isEmpty();
    assertThat(store.subjects(true)).containsExactly("a-value");
    assertThat(refusal(() -> store.deleteSubject("a-value", false)).errorCode()).isEqualTo(40404);
    assertThat(store.schemaById(id)).isEqualTo(parse(reading(SENSOR)).toString());

    assertThat(store.register("a-value", parse(reading(SENSOR)))).isEqualTo(id);
    assertThat(store.versions("a-value")).containsExactly(2);
  }

  @Test
  void aPermanentDeleteNeedsASoftDeleteFirst() {
    store.register("a-value", parse(reading(SENSOR)));
    assertThat(refusal(() -> store.deleteSubject("a-value", true)).errorCode()).isEqualTo(40405);
    store.deleteSubject("a-value", false);
    assertThat(store.deleteSubject("a-value", true)).containsExactly(1);
    assertThat(store.subjects(true)).isEmpty();
    assertThat(log.entries.get(log.entries.size() - 1).value()).isNull();
  }

  @Test
  void aRestartedStoreReplaysTheLogToTheSameStateAndContinuesTheIds() {
    store.register("a-value", parse(reading(SENSOR)));
    store.register("a-value", parse(reading(SENSOR, VALUE_WITH_DEFAULT)));
    store.register("b-value", parse(reading(UNIT)));
    store.setLevel("b-value", CompatibilityLevel.NONE);

    SchemaStore restarted = new SchemaStore(log.reopen());
    restarted.catchUp();
    assertThat(restarted.subjects(false)).containsExactly("a-value", "b-value");
    assertThat(restarted.version("a-value", "latest"))
        .isEqualTo(store.version("a-value", "latest"));
    assertThat(restarted.schemaById(3)).isEqualTo(parse(reading(UNIT)).toString());
    assertThat(restarted.subjectLevel("b-value", false)).isEqualTo(CompatibilityLevel.NONE);
    assertThat(restarted.register("c-value", parse(reading(VALUE_WITH_DEFAULT)))).isEqualTo(4);
  }

  @Test
  void recordsWrittenInConfluentsFormatAreRead() {
    log.append(
        "{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":1,\"magic\":1}",
        "{\"subject\":\"orders-value\",\"version\":1,\"id\":21,\"schemaType\":\"AVRO\","
            + "\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
    log.append(
        "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
        "{\"compatibilityLevel\":\"FULL\"}");
    log.append("{\"keytype\":\"NOOP\",\"magic\":0}", "{}");
    store.catchUp();
    assertThat(store.schemaById(21)).isEqualTo("\"string\"");
    assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
    assertThat(store.register("other-value", parse(reading(SENSOR)))).isEqualTo(22);
  }

  @Test
  void anUnreadableRecordInTheLogIsSkipped() {
    log.append(
        "{\"keytype\":\"SCHEMA\",\"subject\":\"bad-value\",\"version\":1,\"magic\":1}",
        "{\"subject\":\"bad-value\",\"version\":1,\"id\":5,\"schema\":\"{not"
            + " avro\",\"deleted\":false}");
    store.catchUp();
    assertThat(store.subjects(true)).isEmpty();
    assertThat(store.register("a-value", parse(reading(SENSOR)))).isEqualTo(1);
  }
}
