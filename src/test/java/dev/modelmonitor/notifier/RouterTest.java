package dev.modelmonitor.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import dev.modelmonitor.schema.Alert;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router router =
      new Router(
          NotifierConfigLoader.parse(
              """
              receivers:
                - { name: console, type: log }
                - { name: am, type: log }
                - { name: pager, type: log }
                - { name: slack, type: log }
                - { name: risk, type: log }
              routes:
                - receivers: [am]
                  continue: true
                - match: { severity: critical, team: risk }
                  receivers: [pager, risk]
                - match: { severity: critical }
                  receivers: [pager]
                - match_re: { model: "fraud-.*", rule: ".*drift" }
                  receivers: [slack]
              default_receivers: [console]
              """,
              Map.of()));

  @Test
  void continueLetsLaterRoutesMatchAndTheFirstStoppingMatchWins() {
    // Matches route 0 (continue), then route 1 (team label) which stops before route 2.
    assertThat(router.route(TestAlerts.firing())).containsExactly("am", "pager", "risk");
  }

  @Test
  void exactMatchReadsFieldsAndLabels() {
    Alert otherTeam = TestAlerts.errorRate().setLabels(Map.of("team", "growth")).build();
    assertThat(router.route(otherTeam)).containsExactly("am", "pager");
  }

  @Test
  void regularExpressionsMustMatchTheWholeValue() {
    assertThat(router.route(TestAlerts.drift("d-1", "fraud-model"))).containsExactly("am", "slack");
    assertThat(router.route(TestAlerts.drift("d-2", "antifraud-model"))).containsExactly("am");
  }

  @Test
  void anAlertNoRouteMatchesGoesToTheDefaultReceivers() {
    Router onlyCritical =
        new Router(NotifierConfigLoader.parse(
            """
            receivers: [{ name: console, type: log }, { name: pager, type: log }]
            routes: [{ match: { severity: critical }, receivers: [pager] }]
            default_receivers: [console]
            """, Map.of()));
    assertThat(onlyCritical.route(TestAlerts.drift("d-1", "fraud-model"))).containsExactly("console");
    assertThat(onlyCritical.route(TestAlerts.firing())).containsExactly("pager");
  }
}
