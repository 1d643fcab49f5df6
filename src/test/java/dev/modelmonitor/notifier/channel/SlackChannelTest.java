package dev.modelmonitor.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.notifier.HttpReceiver;
import dev.modelmonitor.notifier.TestAlerts;
import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackChannelTest {
  private final HttpReceiver slack = new HttpReceiver(null);

  @AfterEach
  void stop() {
    slack.close();
  }

  private Channel channel(String extra) {
    return Channels.create(
        NotifierConfigLoader.parse(
                "receivers:\n  - name: team-slack\n    type: slack\n    url: " + slack.url("/services/T0/B0/x")
                    + "\n" + extra,
                Map.of())
            .receiver("team-slack"),
        Clock.systemUTC());
  }

  @Test
  void firingAlertReadsSeverityModelValueAgainstThresholdContextAndLink() throws Exception {
    channel("    channel: \"#ml-alerts\"\n")
        .send(new Notification("team-slack", List.of(TestAlerts.firing()), 0));

    assertThat(slack.requests().get(0).path()).isEqualTo("/services/T0/B0/x");
    assertThat(slack.requests().get(0).json())
        .isEqualTo(
            new ObjectMapper().readTree(
                """
                {"text":"[FIRING] critical fraud-model: fraud-model error rate 0.125 &gt; 0.05",
                 "channel":"#ml-alerts",
                 "blocks":[
                  {"type":"header","text":{"type":"plain_text","emoji":true,
                    "text":":red_circle: [FIRING] critical fraud-model: fraud-model error rate 0.125 > 0.05"}},
                  {"type":"section","fields":[
                    {"type":"mrkdwn","text":"*Severity*\\ncritical"},
                    {"type":"mrkdwn","text":"*Model*\\nfraud-model v3"},
                    {"type":"mrkdwn","text":"*Value*\\nerror_rate 0.125 &gt; 0.05"},
                    {"type":"mrkdwn","text":"*Firing since*\\n2025-03-01T10:00:00Z"}]},
                  {"type":"section","text":{"type":"mrkdwn",
                    "text":"• TimeoutError: 42 (calls to feature store)\\n• ValueError: 3"}},
                  {"type":"actions","elements":[{"type":"button","url":"http://localhost:8080/alerts/a-7f3e",
                    "text":{"type":"plain_text","text":"Open in model-monitor"}}]}]}
                """));
  }

  @Test
  void resolvedAlertIsMarkedResolvedWithItsEndTime() throws Exception {
    channel("").send(new Notification("team-slack", List.of(TestAlerts.resolved()), 0));

    var message = slack.requests().get(0).json();
    assertThat(message.get("text").asText())
        .isEqualTo("[RESOLVED] critical fraud-model: fraud-model error rate 0.125 &gt; 0.05");
    assertThat(message.at("/blocks/0/text/text").asText()).startsWith(":white_check_mark: [RESOLVED]");
    assertThat(message.at("/blocks/1/fields/3/text").asText())
        .isEqualTo("*Resolved at*\n2025-03-01T10:20:00Z");
    assertThat(message.at("/blocks/1/fields/2/text").asText())
        .isEqualTo("*Value*\nerror_rate 0.01 &gt; 0.05");
  }

  @Test
  void contextLinesAreCappedAsConfigured() throws Exception {
    channel("    context_lines: 1\n")
        .send(new Notification("team-slack", List.of(TestAlerts.firing()), 0));

    assertThat(slack.requests().get(0).json().at("/blocks/2/text/text").asText())
        .isEqualTo("• TimeoutError: 42 (calls to feature store)");
  }

  @Test
  void aLargeGroupShowsTenAlertsAndCountsTheRest() throws Exception {
    List<dev.modelmonitor.schema.Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      alerts.add(TestAlerts.drift("d-" + i, "fraud-model"));
    }
    channel("").send(new Notification("team-slack", alerts, 0));

    var message = slack.requests().get(0).json();
    assertThat(message.get("text").asText()).isEqualTo("[FIRING] fraud-model: 12 alerts");
    var blocks = message.get("blocks");
    assertThat(blocks.get(blocks.size() - 1).at("/elements/0/text").asText())
        .isEqualTo("and 2 more alerts");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
  }
}
