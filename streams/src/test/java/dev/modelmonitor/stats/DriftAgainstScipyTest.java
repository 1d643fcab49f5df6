package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelmonitor.schema.DatasetDrift;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every statistic against the independent values of {@code src/test/python/generate_expected.py}
 * (numpy and scipy), on the shared real datasets and on synthetic edge cases. Binned statistics
 * (PSI, JS, chi-square) and everything computed from exactly kept values agree to 1e-9 (every
 * real-data feature has at most 1,000 distinct values, so all of them are exact); KS D from a
 * sketch within 0.02 and Wasserstein from a sketch within 0.06 reference standard deviations (the
 * bounds documented for k = 200 in package-info; over 4,500 repetitions of the synthetic sketch
 * cases the worst errors were 0.017 and 0.045).
 */
class DriftAgainstScipyTest {
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  static final double BINNED_TOLERANCE = 1e-9;
  static final double SKETCH_KS_TOLERANCE = 0.02;
  static final double SKETCH_WASSERSTEIN_NORMED = 0.06;

  private final DriftCalculator calculator = DriftCalculator.withDefaults();

  @TestFactory
  Stream<DynamicNode> bikeSharingYearsAndMonthsMatchScipy() {
    return datasetCases("expected-bike.json");
  }

  @TestFactory
  Stream<DynamicNode> noaaWeatherDecadesAndWindowsMatchScipy() {
    return datasetCases("expected-noaa.json");
  }

  @TestFactory
  Stream<DynamicNode> syntheticEdgeCasesMatchScipy() {
    List<DynamicNode> tests = new ArrayList<>();
    for (JsonNode c : expected("expected-synthetic.json").get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
        JsonNode input = c.get("input");
        List<Object> reference;
        List<Object> current;
        if (input.has("generator")) {
          reference = triangular(input.get("reference"));
          current = triangular(input.get("current"));
        } else {
          reference = values(input.get("reference"));
          current = values(input.get("current"));
        }
        check(c, reference, current);
      }));
    }
    return tests.stream();
  }

  @Test
  void kolmogorovSurvivalMatchesScipyKstwobignIntoTheTail() {
    for (JsonNode point : expected("expected-synthetic.json").get("tails").get("kolmogorov")) {
      double t = point.get("t").asDouble();
      assertPValue("Q_KS(" + t + ")", KolmogorovDistribution.survival(t),
          point.get("sf").asDouble());
    }
  }

  @Test
  void chiSquareSurvivalMatchesScipyChi2SfIntoTheTail() {
    for (JsonNode point : expected("expected-synthetic.json").get("tails").get("chiSquare")) {
      int dof = point.get("dof").asInt();
      double x = point.get("x").asDouble();
      assertPValue("chi2.sf(" + x + ", " + dof + ")", Gamma.regularizedGammaQ(dof / 2.0, x / 2),
          point.get("sf").asDouble());
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Stream<DynamicNode> datasetCases(String resource) {
    JsonNode root = expected(resource);
    Map<String, SharedData.Csv> files = new HashMap<>();
    List<DynamicNode> containers = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String file = c.get("file").asText();
      List<int[]> referenceRows = ranges(c.get("reference").get("rows"));
      List<int[]> currentRows = ranges(c.get("current").get("rows"));
      List<DynamicNode> tests = new ArrayList<>();
      tests.add(DynamicTest.dynamicTest("data file is the one the values were computed on", () -> {
        Path path = SharedData.file(file);
        assertThat(SharedData.sha256(path)).as(path.toString()).isEqualTo(c.get("sha256").asText());
      }));
      List<FeatureDrift> drifts = new ArrayList<>();
      for (JsonNode f : c.get("features")) {
        String feature = f.get("feature").asText();
        tests.add(DynamicTest.dynamicTest(feature, () -> {
          SharedData.Csv csv = files.computeIfAbsent(file, x -> SharedData.Csv.read(
              SharedData.file(x)));
          boolean numeric = f.get("type").asText().equals("numeric");
          drifts.add(check(f, parsed(csv.column(feature, referenceRows), numeric),
              parsed(csv.column(feature, currentRows), numeric)));
        }));
      }
      tests.add(DynamicTest.dynamicTest("dataset drift", () -> {
        JsonNode e = c.get("datasetDrift");
        assertThat(drifts).hasSize(e.get("featureCount").asInt());
        DatasetDrift actual = calculator.datasetDrift(drifts);
        assertThat(actual.getFeatureCount()).isEqualTo(e.get("featureCount").asInt());
        assertThat(actual.getDriftedCount()).isEqualTo(e.get("driftedCount").asInt());
        assertThat(actual.getShare()).isEqualTo(e.get("share").asDouble());
        assertThat(actual.getDrifted()).isEqualTo(e.get("drifted").asBoolean());
      }));
      containers.add(DynamicContainer.dynamicContainer(c.get("name").asText(), tests));
    }
    return containers.stream();
  }

  /**
   * Builds both profiles as the pipeline does — the reference through its Avro form (the
   * reference topic), the window as a merge of three parts each through the state bytes — then
   * compares and checks every expected value.
   */
  private FeatureDrift check(JsonNode e, List<Object> referenceValues, List<Object> currentValues) {
    boolean numeric = e.get("type").asText().equals("numeric");
    Profile built;
    if (numeric) {
      NumericReferenceBuilder builder = new NumericReferenceBuilder();
      referenceValues.forEach(builder::addValue);
      assertThat(builder.edgesExact()).isTrue();
      built = builder.build();
    } else {
      built = CategoricalProfile.create();
      referenceValues.forEach(built::updateValue);
    }
    Profile reference = Profile.fromAvro(built.toAvro(e.get("feature").asText()));
    Profile current = reference.emptyLike();
    int third = currentValues.size() / 3;
    for (List<Object> part : List.of(currentValues.subList(0, third),
        currentValues.subList(third, 2 * third),
        currentValues.subList(2 * third, currentValues.size()))) {
      Profile partial = reference.emptyLike();
      part.forEach(partial::updateValue);
      current = Profile.merge(current, Profile.fromBytes(partial.toBytes()));
    }
    return numeric ? checkNumeric(e, (NumericProfile) reference, (NumericProfile) current)
        : checkCategorical(e, (CategoricalProfile) reference, (CategoricalProfile) current);
  }

  private FeatureDrift checkNumeric(JsonNode e, NumericProfile reference, NumericProfile current) {
    assertThat(reference.missing()).isEqualTo(e.get("referenceMissing").asLong());
    assertThat(current.missing()).isEqualTo(e.get("currentMissing").asLong());
    FeatureDrift drift = calculator.compare(reference, current);
    if (!e.get("computed").asBoolean()) {
      assertThat(drift.computed()).isFalse();
      assertThat(drift.notComputedReason()).contains("no values");
      assertThat(drift.toAvro()).isEmpty();
      return drift;
    }
    assertThat(drift.computed()).isTrue();
    JsonNode r = e.get("reference");
    assertThat(reference.count()).isEqualTo(r.get("count").asLong());
    assertRelative("reference mean", reference.mean(), r.get("mean").asDouble(), 1e-12);
    assertRelative("reference std", reference.std(), r.get("std").asDouble(), 1e-9);
    assertThat(reference.min()).isEqualTo(r.get("min").asDouble());
    assertThat(reference.max()).isEqualTo(r.get("max").asDouble());
    assertThat(reference.binEdges()).as("edges").containsExactly(doubles(e.get("edges")));
    assertThat(drift.bins().reference()).as("reference bins")
        .containsExactlyElementsOf(longs(e.get("referenceBinCounts")));
    assertThat(drift.bins().current()).as("current bins")
        .containsExactlyElementsOf(longs(e.get("currentBinCounts")));

    FeatureDrift.Statistics s = drift.statistics();
    assertThat(s.psi()).as("psi").isCloseTo(e.get("psi").asDouble(), within(BINNED_TOLERANCE));
    assertThat(s.jsDistance()).as("js")
        .isCloseTo(e.get("jsDistance").asDouble(), within(BINNED_TOLERANCE));
    assertThat(s.chiSquare()).isNull();

    boolean exact = reference.keepsValues() && current.keepsValues();
    assertThat(exact).as("exact: at most 1,000 distinct values on both sides")
        .isEqualTo(e.get("reference").get("distinct").asInt() <= 1000
            && e.get("current").get("distinct").asInt() <= 1000);
    assertThat(drift.exact()).isEqualTo(exact);
    double expectedD = e.get("ksStatistic").asDouble();
    double expectedW = e.get("wasserstein").asDouble();
    double expectedWNormed = e.get("wassersteinNormed").asDouble();
    if (exact) {
      assertThat(s.ksStatistic()).as("ks D").isCloseTo(expectedD, within(1e-12));
      assertPValue("ks p", s.ksPValue(), e.get("ksPValue").asDouble());
      assertRelative("wasserstein", s.wasserstein(), expectedW, 1e-9);
      assertRelative("normed wasserstein", s.wassersteinNormed(), expectedWNormed, 1e-9);
    } else {
      assertThat(s.ksStatistic()).as("ks D from sketches")
          .isCloseTo(expectedD, within(SKETCH_KS_TOLERANCE));
      assertThat(s.wassersteinNormed()).as("normed wasserstein from sketches")
          .isCloseTo(expectedWNormed, within(SKETCH_WASSERSTEIN_NORMED));
      assertThat(s.wasserstein()).as("wasserstein from sketches")
          .isCloseTo(expectedW, within(SKETCH_WASSERSTEIN_NORMED * reference.std()));
    }
    assertDecision(e.get("decision"), drift);
    return drift;
  }

  private FeatureDrift checkCategorical(JsonNode e, CategoricalProfile reference,
      CategoricalProfile current) {
    assertThat(reference.missing()).isEqualTo(e.get("referenceMissing").asLong());
    assertThat(current.missing()).isEqualTo(e.get("currentMissing").asLong());
    FeatureDrift drift = calculator.compare(reference, current);
    if (!e.get("computed").asBoolean()) {
      assertThat(drift.computed()).isFalse();
      assertThat(drift.notComputedReason()).contains("no values");
      return drift;
    }
    Map<String, long[]> expectedBins = new HashMap<>();
    JsonNode bins = e.get("bins");
    for (int i = 0; i < bins.size(); i++) {
      String label = bins.get(i).isNull() ? FeatureDrift.Bins.UNSEEN : bins.get(i).asText();
      expectedBins.put(label, new long[] {e.get("referenceBinCounts").get(i).asLong(),
          e.get("currentBinCounts").get(i).asLong()});
    }
    Map<String, long[]> actualBins = new HashMap<>();
    for (int i = 0; i < drift.bins().labels().size(); i++) {
      actualBins.put(drift.bins().labels().get(i), new long[] {drift.bins().reference().get(i),
          drift.bins().current().get(i)});
    }
    assertThat(actualBins).as("bins").containsOnlyKeys(expectedBins.keySet());
    expectedBins.forEach((label, counts) ->
        assertThat(actualBins.get(label)).as("bin " + label).containsExactly(counts));
    Set<String> unseen = new HashSet<>();
    e.get("unseen").forEach(u -> unseen.add(u.asText()));
    assertThat(drift.unseenCategories()).containsExactlyInAnyOrderElementsOf(unseen);

    FeatureDrift.Statistics s = drift.statistics();
    assertThat(s.psi()).as("psi").isCloseTo(e.get("psi").asDouble(), within(BINNED_TOLERANCE));
    assertThat(s.jsDistance()).as("js")
        .isCloseTo(e.get("jsDistance").asDouble(), within(BINNED_TOLERANCE));
    double chi2 = e.get("chiSquare").asDouble();
    assertThat(s.chiSquare()).as("chi-square")
        .isCloseTo(chi2, within(BINNED_TOLERANCE * Math.max(1, chi2)));
    assertPValue("chi-square p", s.chiSquarePValue(), e.get("chiSquarePValue").asDouble());
    assertThat(s.ksStatistic()).isNull();
    assertThat(s.wasserstein()).isNull();
    assertThat(drift.exact()).isTrue();
    assertDecision(e.get("decision"), drift);
    return drift;
  }

  private static void assertDecision(JsonNode e, FeatureDrift drift) {
    assertThat(drift.method()).isEqualTo(e.get("method").asText());
    assertThat(drift.threshold()).isEqualTo(e.get("threshold").asDouble());
    assertThat(drift.drifted()).as("drifted (score %s)", drift.score())
        .isEqualTo(e.get("drifted").asBoolean());
    assertThat(drift.toAvro()).hasValueSatisfying(avro -> {
      assertThat(avro.getMethod()).isEqualTo(drift.method());
      assertThat(avro.getScore()).isEqualTo(drift.score());
      assertThat(avro.getDrifted()).isEqualTo(drift.drifted());
      assertThat(avro.getPsi()).isEqualTo(drift.statistics().psi());
      assertThat(avro.getExact()).isEqualTo(drift.exact());
    });
  }

  /** Absolute 1e-9, and relative 1e-6 while the expected value is a normal double. */
  static void assertPValue(String what, double actual, double expected) {
    assertThat(actual).as(what).isCloseTo(expected, within(1e-9));
    if (expected > 1e-300) {
      assertThat(actual).as(what + " (relative)").isCloseTo(expected, within(1e-6 * expected));
    }
  }

  static void assertRelative(String what, double actual, double expected, double relative) {
    if (Double.isInfinite(expected) || expected == 0) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(relative * Math.abs(expected)));
    }
  }

  // ---------------------------------------------------------------------------------------------

  static JsonNode expected(String resource) {
    try (InputStream in = DriftAgainstScipyTest.class.getResourceAsStream("/stats/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /stats/" + resource);
      }
      return JSON.readTree(in);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static List<int[]> ranges(JsonNode node) {
    List<int[]> out = new ArrayList<>();
    node.forEach(r -> out.add(new int[] {r.get(0).asInt(), r.get(1).asInt()}));
    return out;
  }

  private static List<Object> parsed(List<String> cells, boolean numeric) {
    List<Object> out = new ArrayList<>(cells.size());
    for (String cell : cells) {
      out.add(numeric ? (Object) Double.parseDouble(cell) : cell);
    }
    return out;
  }

  private static List<Object> values(JsonNode node) {
    List<Object> out = new ArrayList<>();
    node.forEach(v -> out.add(v.isNull() ? null : v.isNumber() ? (Object) v.asDouble()
        : v.asText()));
    return out;
  }

  private static List<Object> triangular(JsonNode d) {
    double[] values = Lcg.triangular(d.get("seed").asLong(), d.get("n").asInt(),
        d.get("scale").asDouble(), d.get("shift").asDouble());
    List<Object> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static double[] doubles(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asDouble();
    }
    return out;
  }

  private static List<Long> longs(JsonNode node) {
    List<Long> out = new ArrayList<>();
    node.forEach(v -> out.add(v.asLong()));
    return out;
  }
}
