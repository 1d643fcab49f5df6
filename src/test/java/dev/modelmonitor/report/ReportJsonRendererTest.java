package dev.modelmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.ModelReport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ReportJsonRendererTest {
  private final ReportJsonRenderer renderer = new ReportJsonRenderer();

  @Test
  void wrapsTheReportWithItsFormatAndVerdict() throws Exception {
    JsonNode root = new ObjectMapper().readTree(renderer.render(ReportFixtures.bikeReport()));

    assertThat(fieldNames(root))
        .containsExactly("format", "formatVersion", "status", "headline", "reasons", "report");
    assertThat(root.get("format").asText()).isEqualTo("model-monitor.report");
    assertThat(root.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(root.get("status").asText()).isEqualTo("DRIFT");
    assertThat(root.get("headline").asText())
        .isEqualTo("Dataset drift: 8 of 12 features drifted (66.7%)");
    assertThat(root.get("reasons").get(0).asText()).isEqualTo("3 data-quality findings to look at");
  }

  @Test
  void keepsEveryAvroFieldInSchemaOrderUnderItsOwnName() throws Exception {
    JsonNode report =
        new ObjectMapper().readTree(renderer.render(ReportFixtures.bikeReport())).get("report");

    assertThat(fieldNames(report)).isEqualTo(names(ModelReport.getClassSchema()));
    JsonNode feature = report.get("features").get(0);
    assertThat(fieldNames(feature)).isEqualTo(names(FeatureReport.getClassSchema()));
    assertThat(fieldNames(feature.get("current")))
        .isEqualTo(names(FeatureProfile.getClassSchema()));
  }

  @Test
  void writesTimestampsAsIsoStringsAndOptionalValuesWithoutUnionWrappers() throws Exception {
    JsonNode report =
        new ObjectMapper().readTree(renderer.render(ReportFixtures.bikeReport())).get("report");

    assertThat(report.get("windowStart").asText()).isEqualTo("2012-07-01T00:00:00Z");
    assertThat(report.get("windowEnd").asText()).isEqualTo("2012-08-01T00:00:00Z");
    assertThat(report.get("referenceCreatedAt").asText()).isEqualTo("2012-06-30T09:15:00Z");
    assertThat(report.get("referenceSource").asText()).isEqualTo("hour.csv (yr=0)");
    assertThat(report.get("latency").get("p99Ms").isDouble()).isTrue();
    assertThat(report.get("datasetDrift").toString())
        .isEqualTo(
            "{\"featureCount\":12,\"driftedCount\":8,\"share\":0.6666666666666666,\"threshold\":0.5,\"drifted\":true}");
    JsonNode temp = report.get("features").get(0);
    assertThat(temp.get("name").asText()).isEqualTo("temp");
    assertThat(temp.get("drift").get("method").asText()).isEqualTo("wasserstein_normed");
    assertThat(temp.get("drift").get("chiSquare").isNull()).isTrue();
    assertThat(temp.get("current").get("type").asText()).isEqualTo("NUMERIC");
    assertThat(report.get("performance").get("taskType").asText()).isEqualTo("REGRESSION");
    assertThat(report.get("performance").get("confusion").isNull()).isTrue();
    assertThat(report.get("findings").get(2).get("feature").asText())
        .isEqualTo("registered_prev_hour");
  }

  @Test
  void sortsMapKeysEncodesSketchesInBase64AndNullsNonFiniteNumbers() throws Exception {
    ModelReport base = ReportFixtures.small("m", ReportFixtures.T0, true);
    FeatureReport f = base.getFeatures().get(0);
    FeatureProfile current =
        FeatureProfile.newBuilder(f.getCurrent())
            .setSketch(ByteBuffer.wrap(new byte[] {1, 2, 3}))
            .setMean(Double.NaN)
            .build();
    ModelReport report =
        ModelReport.newBuilder(base)
            .setOutcomeCounts(Map.of("TIMEOUT", 1L, "ERROR", 2L, "OK", 7L))
            .setFeatures(List.of(FeatureReport.newBuilder(f).setCurrent(current).build()))
            .build();

    JsonNode json = new ObjectMapper().readTree(renderer.render(report)).get("report");

    assertThat(json.get("outcomeCounts").toString())
        .isEqualTo("{\"ERROR\":2,\"OK\":7,\"TIMEOUT\":1}");
    assertThat(json.get("features").get(0).get("current").get("sketch").asText()).isEqualTo("AQID");
    assertThat(json.get("features").get(0).get("current").get("mean").isNull()).isTrue();
    assertThat(json.get("features").get(0).get("current").get("categories").toString())
        .isEqualTo("{\"gold\":7,\"silver\":3}");
  }

  @Test
  void isStableForTheSameReport() {
    assertThat(renderer.render(ReportFixtures.rainReport()))
        .isEqualTo(renderer.render(ReportFixtures.rainReport()))
        .endsWith("}\n");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> names(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }
}
