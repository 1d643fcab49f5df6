package dev.modelmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinksTest {
  @Test
  void pathSegmentsKeepUnreservedCharactersAndEncodeTheRest() {
    assertThat(Links.segment("bike-demand_v2.1~x")).isEqualTo("bike-demand_v2.1~x");
    assertThat(Links.segment("fraud/score <beta>")).isEqualTo("fraud%2Fscore%20%3Cbeta%3E");
    assertThat(Links.segment("prévision")).isEqualTo("pr%C3%A9vision");
    assertThat(Links.segment("a?b#c%d")).isEqualTo("a%3Fb%23c%25d");
  }

  @Test
  void dotSegmentsAreEncodedSoBrowsersDoNotResolveThemAway() {
    assertThat(Links.model("..")).isEqualTo("/models/%2E%2E");
    assertThat(Links.model(".")).isEqualTo("/models/%2E");
    assertThat(Links.model("..a")).isEqualTo("/models/..a");
  }

  @Test
  void queryParametersAreFormEncoded() {
    assertThat(Links.alerts("a b&c")).isEqualTo("/alerts?model=a+b%26c");
    assertThat(Links.reports("x/y")).isEqualTo("/reports?model=x%2Fy");
  }

  @Test
  void reportFilesLiveUnderReportsWithTheirRelativePath() {
    assertThat(Links.reportFile("bike-demand/2026-11-28T11-00-00Z.html"))
        .isEqualTo("/reports/bike-demand/2026-11-28T11-00-00Z.html");
  }

  @Test
  void instanceAnchorsAreSafeAndDistinct() {
    assertThat(Links.instanceAnchor("pod-<1>")).matches("i-pod__1_-[0-9a-f]+");
    assertThat(Links.instanceAnchor("pod a")).isNotEqualTo(Links.instanceAnchor("pod_a"));
  }
}
