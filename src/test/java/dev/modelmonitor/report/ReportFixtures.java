package dev.modelmonitor.report;

import dev.modelmonitor.schema.DatasetDrift;
import dev.modelmonitor.schema.DriftResult;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureReport;
import dev.modelmonitor.schema.FeatureType;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reports and references for tests. The two realistic ones come from the real datasets in
 * shared/data through {@code src/test/python/make_report_fixtures.py} (Avro JSON encoding): {@code
 * bike-demand} (regression, 12 features, 8 drifted, injected data-quality faults) and {@code
 * rain-classifier} (classification, 8 features).
 */
public final class ReportFixtures {
  public static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private ReportFixtures() {}

  public static ModelReport bikeReport() {
    return read("bike-demand.report.json", ModelReport.getClassSchema());
  }

  public static ReferenceProfile bikeReference() {
    return read("bike-demand.reference.json", ReferenceProfile.getClassSchema());
  }

  public static ModelReport rainReport() {
    return read("rain-classifier.report.json", ModelReport.getClassSchema());
  }

  public static ReferenceProfile rainReference() {
    return read("rain-classifier.reference.json", ReferenceProfile.getClassSchema());
  }

  /** A small report for model {@code model} and the window starting at {@code start}. */
  public static ModelReport small(String model, Instant start, boolean drifted) {
    FeatureProfile plan =
        FeatureProfile.newBuilder()
            .setName("plan")
            .setType(FeatureType.CATEGORICAL)
            .setCount(10)
            .setCategories(Map.of("gold", 7L, "silver", 3L))
            .build();
    DriftResult drift =
        DriftResult.newBuilder()
            .setMethod("chi_square")
            .setScore(drifted ? 0.001 : 0.4)
            .setThreshold(0.05)
            .setDrifted(drifted)
            .setPsi(0.3)
            .setJsDistance(0.2)
            .build();
    FeatureReport feature =
        FeatureReport.newBuilder().setName("plan").setCurrent(plan).setDrift(drift).build();
    return ModelReport.newBuilder()
        .setReportId(model + "@" + start)
        .setModelId(model)
        .setWindowStart(start)
        .setWindowEnd(start.plusSeconds(3600))
        .setGeneratedAt(start.plusSeconds(3900))
        .setEventCount(10)
        .setErrorCount(1)
        .setOutcomeCounts(Map.of("OK", 9L, "ERROR", 1L))
        .setHasReference(true)
        .setReferenceSource("data.csv")
        .setReferenceCreatedAt(T0.minusSeconds(86_400))
        .setFeatures(List.of(feature))
        .setDatasetDrift(new DatasetDrift(1, drifted ? 1 : 0, drifted ? 1.0 : 0.0, 0.5, drifted))
        .build();
  }

  static <T extends SpecificRecord> T read(String resource, Schema schema) {
    try (InputStream in = ReportFixtures.class.getResourceAsStream("/fixtures/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /fixtures/" + resource);
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema);
      T record = reader.read(null, DecoderFactory.get().jsonDecoder(schema, json));
      try {
        // Avro's JSON decoder does not notice fields the schema gained since the fixture was made.
        new SpecificDatumWriter<T>(schema)
            .write(
                record, EncoderFactory.get().binaryEncoder(OutputStream.nullOutputStream(), null));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "test fixture "
                + resource
                + " does not fit the current "
                + schema.getName()
                + " schema ("
                + e.getMessage()
                + "); regenerate it with src/test/python/make_report_fixtures.py",
            e);
      }
      return record;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
