package dev.modelmonitor.local.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Applies a {@link CompatibilityLevel} with Avro's own schema-resolution rules. */
final class CompatibilityChecker {
  private CompatibilityChecker() {}

  /** An earlier version of the subject. */
  record Earlier(int version, Schema schema) {}

  /**
   * Why {@code candidate} may not follow {@code earlier} (oldest first) under {@code level}; empty
   * when it may.
   */
  static List<String> problems(CompatibilityLevel level, Schema candidate, List<Earlier> earlier) {
    List<String> problems = new ArrayList<>();
    if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
      return problems;
    }
    List<Earlier> checked =
        level.transitive() ? earlier : earlier.subList(earlier.size() - 1, earlier.size());
    for (Earlier old : checked) {
      if (level.backward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()),
            "the new schema cannot read data written with version " + old.version(),
            problems);
      }
      if (level.forward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate),
            "version " + old.version() + " cannot read data written with the new schema",
            problems);
      }
    }
    return problems;
  }

  private static void describe(
      SchemaPairCompatibility result, String direction, List<String> into) {
    if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
      into.add(
          "{errorType:'"
              + incompatibility.getType()
              + "', description:'"
              + direction
              + ": "
              + incompatibility.getMessage()
              + "', location:'"
              + incompatibility.getLocation()
              + "'}");
    }
  }
}
