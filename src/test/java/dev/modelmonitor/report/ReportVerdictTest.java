package dev.modelmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.schema.DatasetDrift;
import dev.modelmonitor.schema.Finding;
import dev.modelmonitor.schema.ModelReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportVerdictTest {
  @Test
  void datasetDriftIsTheWorstStatus() {
    ReportVerdict v = ReportVerdict.of(ReportFixtures.bikeReport());

    assertThat(v.status()).isEqualTo(ReportStatus.DRIFT);
    assertThat(v.headline()).isEqualTo("Dataset drift: 8 of 12 features drifted (66.7%)");
    assertThat(v.reasons()).containsExactly("3 data-quality findings to look at");
  }

  @Test
  void driftBelowTheDatasetShareIsAWarningThatNamesTheShare() {
    ModelReport r =
        ModelReport.newBuilder(ReportFixtures.small("m", ReportFixtures.T0, true))
            .setDatasetDrift(new DatasetDrift(4, 1, 0.25, 0.5, false))
            .build();

    ReportVerdict v = ReportVerdict.of(r);

    assertThat(v.status()).isEqualTo(ReportStatus.WARNING);
    assertThat(v.headline())
        .isEqualTo("Some drift: 1 of 4 features drifted (25%), below the dataset threshold of 50%");
    assertThat(v.reasons()).containsExactly("1 feature drifted", "Error rate 10% (1 of 10 events)");
  }

  @Test
  void aCleanWindowIsOkAndInfoFindingsDoNotChangeThat() {
    ModelReport r =
        ModelReport.newBuilder(ReportFixtures.small("m", ReportFixtures.T0, false))
            .setErrorCount(0)
            .setFindings(List.of(new Finding("label_delay", "info", null, "late labels", 3.0)))
            .build();

    ReportVerdict v = ReportVerdict.of(r);

    assertThat(v)
        .isEqualTo(
            new ReportVerdict(ReportStatus.OK, "No drift: none of 1 feature drifted", List.of()));
  }

  @Test
  void rankingPutsTheFurthestPastItsThresholdFirstWhateverTheMethod() {
    var f = ReportFixtures.rainReport().getFeatures();

    assertThat(DriftRanking.sorted(f))
        .extracting(x -> x.getName())
        .containsExactly("MXSPD", "WDSP", "MAX", "DEWP", "VISIB", "MIN", "TEMP", "SLP");
    var pValue =
        dev.modelmonitor.schema.DriftResult.newBuilder()
            .setMethod("ks")
            .setScore(0.0025)
            .setThreshold(0.05)
            .setDrifted(true)
            .build();
    assertThat(DriftRanking.strength(pValue))
        .isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-12));
  }
}
