package dev.modelmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTextRendererTest {
  @Test
  void summarisesVerdictNumbersDriftAndFindingsForATerminal() {
    String text = new ReportTextRenderer().render(ReportFixtures.bikeReport());

    assertThat(text)
        .startsWith(
            """
            bike-demand  2012-07-01 00:00 UTC → 2012-08-01 00:00 UTC (31 d)
            DATASET DRIFT: 8 of 12 features drifted (66.7%)
              - 3 data-quality findings to look at

            events 778  errors 34 (4.37%)  latency p50 18.3 ms, p99 47.6 ms
            performance (714 labeled): MAE 128, RMSE 172, MAPE 44.9%, bias -128

            drift, strongest first:
              feature               type         drifted  method                score  threshold       PSI       JS  missing
              (prediction)          numeric      no       wasserstein_normed   0.0218        0.1   0.00322   0.0241       0%
              temp                  numeric      yes      wasserstein_normed     1.33        0.1      5.16    0.676       0%
            """);
    assertThat(text)
        .contains(
            "  hum                   numeric      yes      wasserstein_normed    0.205        0.1  "
                + "   0.304     0.21    6.05%\n");
    assertThat(text)
        .contains(
            "\n"
                + "findings:\n"
                + "  severity  kind               feature               message\n"
                + "  warning   missing_rate_jump  hum                   hum is missing in 6% of"
                + " events (reference: 0%)\n");
    assertThat(text).endsWith("\nreference: hour.csv (yr=0), created 2012-06-30 09:15 UTC\n");
  }

  @Test
  void alignsColumnsAndRightAlignsNumbers() {
    String t = new TextTable("name", ">n").row("a", "1").row("longer", "100").render("");

    assertThat(t).isEqualTo("name      n\na         1\nlonger  100\n");
  }
}
