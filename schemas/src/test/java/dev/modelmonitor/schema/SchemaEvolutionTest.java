package dev.modelmonitor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.topic.MonitorTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The build-time guard of the public contract: every topic's value schema must read data written
 * with the committed baseline (BACKWARD), so a change that breaks old producers fails the build.
 *
 * <p>After a release, refresh the baseline with {@code mvn -pl schemas test
 * -Dtest=SchemaEvolutionTest -Dschemas.baseline.update=true} and commit it.
 */
class SchemaEvolutionTest {
  private static final Path BASELINE = Path.of("compat-baseline");

  @Test
  void everyTopicSchemaReadsDataWrittenWithTheBaseline() throws IOException {
    if (Boolean.getBoolean("schemas.baseline.update")) {
      writeBaseline();
    }
    List<String> problems = new ArrayList<>();
    for (MonitorTopic topic : MonitorTopic.values()) {
      Schema current = SpecificData.get().getSchema(topic.valueType());
      Path file = BASELINE.resolve(current.getName() + ".avsc");
      assertThat(file).as("baseline for " + current.getName()).exists();
      Schema baseline = new Schema.Parser().parse(Files.readString(file));
      SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(current, baseline);
      if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        problems.add(current.getName() + ": " + result.getResult().getIncompatibilities());
      }
    }
    assertThat(problems).as("schema changes that break old producers").isEmpty();
  }

  @Test
  void theGuardCatchesARemovedDefault() {
    Schema baseline = PredictionEvent.getClassSchema();
    String broken =
        baseline.toString().replace("\"name\":\"outcome\"", "\"name\":\"outcome2\"")
            .replace("\"default\":\"OK\"", "\"doc\":\"no default\"");
    Schema reader = new Schema.Parser().parse(broken);

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, baseline).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static void writeBaseline() throws IOException {
    Files.createDirectories(BASELINE);
    for (MonitorTopic topic : MonitorTopic.values()) {
      Schema schema = SpecificData.get().getSchema(topic.valueType());
      Files.writeString(
          BASELINE.resolve(schema.getName() + ".avsc"),
          schema.toString(true) + "\n",
          StandardCharsets.UTF_8);
    }
  }
}
