package dev.modelmonitor.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.csv.ColumnType;
import dev.modelmonitor.csv.CsvSource;
import dev.modelmonitor.csv.RowFilter;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureType;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.NumericProfile;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceProfilerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void profilesEachColumnByItsTypeAndReadsClassificationFromACategoricalLabel() throws IOException {
    Path csv = write("data.csv", "x,color,flag,pred,label\n"
        + "1,red,true,cat,cat\n"
        + "2,blue,false,dog,cat\n"
        + "3,red,,cat,dog\n"
        + "4,,true,dog,dog\n"
        + "5,green,false,cat,cat\n");
    List<String> passes = new ArrayList<>();
    ReferenceProfiler.Result result =
        new ReferenceProfiler(List.of("x", "color", "flag"), "pred", "label", Map.of(), 0.01, CLOCK)
            .profile("m", new CsvSource(csv, RowFilter.all()), listener(passes));

    ReferenceProfile r = result.reference();
    assertThat(passes).containsExactly("checked", "profiled");
    assertThat(result.passes()).isEqualTo(2);
    assertThat(result.types()).containsExactlyInAnyOrderEntriesOf(Map.of("x", ColumnType.NUMERIC,
        "color", ColumnType.CATEGORICAL, "flag", ColumnType.BOOLEAN,
        "pred", ColumnType.CATEGORICAL, "label", ColumnType.CATEGORICAL));
    assertThat(r.getModelId()).isEqualTo("m");
    assertThat(r.getCreatedAt()).isEqualTo(CLOCK.instant());
    assertThat(r.getSource()).isEqualTo("data.csv");
    assertThat(r.getRowCount()).isEqualTo(5);
    assertThat(r.getTaskType()).isEqualTo(TaskType.CLASSIFICATION);
    assertThat(r.getFeatures()).extracting(FeatureProfile::getName, FeatureProfile::getType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("x", FeatureType.NUMERIC),
            org.assertj.core.groups.Tuple.tuple("color", FeatureType.CATEGORICAL),
            org.assertj.core.groups.Tuple.tuple("flag", FeatureType.BOOLEAN));
    FeatureProfile x = r.getFeatures().get(0);
    assertThat(x.getCount()).isEqualTo(5);
    assertThat(x.getMean()).isEqualTo(3.0);
    // numpy.quantile([1..5], [0.1..0.9]): 1.4, 1.8, ..., 4.6
    assertThat(x.getBinEdges()).hasSize(9);
    assertThat(x.getBinEdges().get(0)).isEqualTo(1.4, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(x.getBinCounts()).containsExactly(1L, 0L, 1L, 0L, 1L, 0L, 0L, 1L, 0L, 1L);
    FeatureProfile color = r.getFeatures().get(1);
    assertThat(color.getCategories()).isEqualTo(Map.of("red", 2L, "blue", 1L, "green", 1L));
    assertThat(color.getMissing()).isEqualTo(1);
    assertThat(r.getFeatures().get(2).getCategories()).isEqualTo(Map.of("true", 2L, "false", 2L));
    assertThat(r.getPrediction().getCategories()).isEqualTo(Map.of("cat", 3L, "dog", 2L));
    assertThat(r.getLabel().getName()).isEqualTo("label");
    assertThat(r.getLabel().getCategories()).isEqualTo(Map.of("cat", 3L, "dog", 2L));
  }

  @Test
  void aLabelOfManyDistinctNumbersMeansRegressionAndFewWholeNumbersClassification()
      throws IOException {
    StringBuilder rows = new StringBuilder("x,y,k\n");
    for (int i = 0; i < 50; i++) {
      rows.append(i).append(',').append(i * 3).append(',').append(i % 3).append('\n');
    }
    Path csv = write("r.csv", rows.toString());
    ReferenceProfile regression = new ReferenceProfiler(List.of("x"), null, "y", Map.of(), 0.01,
        CLOCK).profile("m", new CsvSource(csv, RowFilter.all()), ReferenceProfiler.Listener.NONE)
        .reference();
    ReferenceProfile classes = new ReferenceProfiler(List.of("x"), "k", null, Map.of(), 0.01,
        CLOCK).profile("m", new CsvSource(csv, RowFilter.all()), ReferenceProfiler.Listener.NONE)
        .reference();
    assertThat(regression.getTaskType()).isEqualTo(TaskType.REGRESSION);
    assertThat(classes.getTaskType()).isEqualTo(TaskType.CLASSIFICATION);
    assertThat(classes.getLabel()).isNull();
  }

  @Test
  void rowFiltersChooseTheReferenceRowsAndToleratedTextCountsAsTypeMismatches()
      throws IOException {
    StringBuilder rows = new StringBuilder("yr,x\n");
    for (int i = 0; i < 200; i++) {
      rows.append(i % 2).append(',').append(i == 10 ? "n/a" : Integer.toString(i)).append('\n');
    }
    Path csv = write("f.csv", rows.toString());
    ReferenceProfile r = new ReferenceProfiler(List.of("x"), null, null, Map.of(), 0.01, CLOCK)
        .profile("m", new CsvSource(csv, RowFilter.of(List.of("yr=0"), null)),
            ReferenceProfiler.Listener.NONE)
        .reference();
    FeatureProfile x = r.getFeatures().get(0);
    assertThat(r.getRowCount()).isEqualTo(100);
    assertThat(x.getCount()).isEqualTo(99);
    assertThat(x.getTypeMismatches()).isEqualTo(1);
    assertThat(x.getMissing()).isEqualTo(1);
    assertThat(x.getMax()).isEqualTo(198.0);
  }

  @Test
  void aColumnTooLargeToKeepIsCountedExactlyOnItsSketchEdgesInAThirdPass() throws IOException {
    Path csv = dir.resolve("big.csv");
    int n = 250_000;
    double[] values = new double[n];
    long state = 7;
    try (Writer out = Files.newBufferedWriter(csv)) {
      out.write("v\n");
      for (int i = 0; i < n; i++) {
        state = state * 6364136223846793005L + 1442695040888963407L;
        values[i] = (state >>> 11) * 0x1.0p-53 * 1000;
        out.write(Double.toString(values[i]));
        out.write('\n');
      }
    }
    List<String> passes = new ArrayList<>();
    ReferenceProfiler.Result result = new ReferenceProfiler(List.of("v"), null, null, Map.of(),
        0.01, CLOCK).profile("m", new CsvSource(csv, RowFilter.all()), listener(passes));

    assertThat(passes).containsExactly("checked", "profiled", "counted on bin edges");
    assertThat(result.passes()).isEqualTo(3);
    NumericProfile v = NumericProfile.fromAvro(result.reference().getFeatures().get(0));
    double[] edges = v.binEdges();
    long[] expected = new long[edges.length + 1];
    for (double value : values) {
      int bin = 0;
      while (bin < edges.length && value > edges[bin]) {
        bin++;
      }
      expected[bin]++;
    }
    assertThat(edges).hasSize(9);
    assertThat(v.binCounts()).containsExactly(expected);
    assertThat(v.count()).isEqualTo(n);
  }

  private static ReferenceProfiler.Listener listener(List<String> passes) {
    return new ReferenceProfiler.Listener() {
      @Override
      public void pass(String what, long rows) {
        passes.add(what);
      }

      @Override
      public void progress(long rows) {}
    };
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
