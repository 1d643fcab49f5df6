package dev.modelmonitor.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierConfigLoaderTest {
  private static final Map<String, String> ENV =
      Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/x",
          "WEBHOOK_SECRET", "hook-secret", "SMTP_USERNAME", "mailer", "SMTP_PASSWORD", "mail-pass");

  @Test
  void theShippedExampleLoadsWithItsDefaultsAndSecretsFromTheEnvironment() throws Exception {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("/examples/notifier.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    NotifierConfig config = NotifierConfigLoader.parse(yaml, ENV);

    assertThat(config.global())
        .isEqualTo(new GlobalSettings(Duration.ofHours(4), Duration.ofSeconds(10),
            Duration.ofSeconds(10), new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2),
            Duration.ofDays(7)));
    assertThat(config.receivers()).extracting(ReceiverConfig::name)
        .containsExactly("console", "team-slack", "oncall-webhook", "oncall-mail", "alertmanager");
    assertThat(config.receiver("oncall-webhook").settings())
        .isEqualTo(new ChannelSettings.Webhook(URI.create("http://localhost:9000/alerts"), "hook-secret", Map.of()));
    assertThat(config.receiver("team-slack").settings())
        .isEqualTo(new ChannelSettings.Slack(URI.create("https://hooks.slack.com/services/T0/B0/x"),
            "#ml-alerts", null, 5));
    assertThat(config.receiver("oncall-mail").settings())
        .isEqualTo(new ChannelSettings.Email("localhost", 587, false, ChannelSettings.StartTls.REQUIRED,
            null, "mailer", "mail-pass", "model-monitor@example.com", List.of("oncall@example.com"),
            List.of(), 10));
    assertThat(config.receiver("alertmanager").repeatInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.receiver("team-slack").repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(config.routes()).hasSize(4);
    assertThat(config.routes().get(0).continueMatching()).isTrue();
    assertThat(config.routes().get(2).matchRe().get("model").pattern()).isEqualTo("fraud-.*");
    assertThat(config.defaultReceivers()).containsExactly("console");
  }

  @Test
  void receiverSettingsOverrideGlobalOnes() {
    NotifierConfig config =
        NotifierConfigLoader.parse(
            """
            global: { timeout: 3s, repeat_interval: 1h, retry: { max_attempts: 3 } }
            receivers:
              - name: hook
                type: webhook
                url: http://127.0.0.1:9/x
                timeout: 500ms
                repeat_interval: 0s
                retry: { max_attempts: 10, initial_backoff: 100ms, max_backoff: 2s, jitter: 0 }
              - name: console
                type: log
                output: stdout
            """,
            Map.of());
    assertThat(config.receiver("hook"))
        .isEqualTo(new ReceiverConfig("hook", ReceiverType.WEBHOOK, Duration.ofMillis(500),
            new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(2), 0), Duration.ZERO,
            new ChannelSettings.Webhook(URI.create("http://127.0.0.1:9/x"), null, Map.of())));
    assertThat(config.receiver("console"))
        .isEqualTo(new ReceiverConfig("console", ReceiverType.LOG, Duration.ofSeconds(3),
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2), Duration.ofHours(1),
            new ChannelSettings.Log(ChannelSettings.LogOutput.STDOUT)));
    assertThat(config.defaultReceivers()).isEmpty();
  }

  @Test
  void aRouteNamingAnUnknownReceiverIsRejectedWithTheRouteAndTheKnownNames() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            """
            receivers: [{ name: console, type: log }, { name: hook, type: webhook, url: "http://h/x" }]
            routes:
              - match: { severity: critical }
                receivers: [pager]
            """, Map.of()))
        .isInstanceOf(NotifierConfigException.class)
        .hasMessage("routes[0]: receivers: unknown receiver 'pager'; defined receivers: console, hook");
  }

  @Test
  void aWebhookWithoutUrlIsRejectedNamingTheReceiver() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: oncall, type: webhook, secret: x }]", Map.of()))
        .hasMessage("receiver 'oncall': url: is required (an http:// or https:// URL)");
  }

  @Test
  void aBadUrlIsRejected() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: am, type: alertmanager, url: 'localhost:9093' }]", Map.of()))
        .hasMessage("receiver 'am': url: 'localhost:9093' is not an http:// or https:// URL");
  }

  @Test
  void anUnknownTypeIsRejectedWithTheAcceptedTypes() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: pager, type: pagerduty }]", Map.of()))
        .hasMessage("receiver 'pager': type: unknown receiver type 'pagerduty'; "
            + "use one of log, webhook, slack, email, alertmanager");
  }

  @Test
  void anUnknownKeyIsRejectedWhereItIs() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: hook, type: webhook, url: 'http://h/x', secrett: x }]", Map.of()))
        .hasMessage("receiver 'hook': secrett: unknown key; accepted here: "
            + "name, type, timeout, retry, repeat_interval, url, secret, headers");
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "global: { repeat: 1h }\nreceivers: [{ name: c, type: log }]", Map.of()))
        .hasMessage("global: repeat: unknown key; accepted here: "
            + "repeat_interval, group_wait, timeout, retry, state_lookback");
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: c, type: log }]\nroutes: [{ receivers: [c], contine: true }]", Map.of()))
        .hasMessage("routes[0]: contine: unknown key; accepted here: match, match_re, receivers, continue");
  }

  @Test
  void anUnsetEnvironmentVariableIsNamed() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: hook, type: webhook, url: 'http://h/x', secret: '${HOOK_SECRET}' }]",
            Map.of()))
        .hasMessage("receiver 'hook': secret: environment variable HOOK_SECRET is not set "
            + "(set it, or write ${HOOK_SECRET:-default})");
  }

  @Test
  void environmentReferencesAreReplacedAndDollarDollarIsALiteralDollar() {
    NotifierConfig config = NotifierConfigLoader.parse(
        "receivers: [{ name: hook, type: webhook, url: '${BASE}/hooks/${ID:-7}', secret: 'a$$b${S}' }]",
        Map.of("BASE", "https://h.example", "S", "c"));
    assertThat(config.receiver("hook").settings())
        .isEqualTo(new ChannelSettings.Webhook(URI.create("https://h.example/hooks/7"), "a$bc", Map.of()));
  }

  @Test
  void badValuesNameTheirField() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "global: { retry: { max_attempts: 0 } }\nreceivers: [{ name: c, type: log }]", Map.of()))
        .hasMessage("global: retry: max_attempts: must be at least 1 but was 0");
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "global: { group_wait: soon }\nreceivers: [{ name: c, type: log }]", Map.of()))
        .hasMessage("global: group_wait: 'soon' is not a duration; write e.g. 500ms, 30s, 15m, 1h, 30d or 1h30m");
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: c, type: log }]\nroutes: [{ match_re: { model: 'fraud-(' }, receivers: [c] }]",
            Map.of()))
        .hasMessageStartingWith("routes[0]: match_re.model: not a valid regular expression");
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: m, type: email, smtp: { host: h }, from: a@b.c }]", Map.of()))
        .hasMessage("receiver 'm': to: at least one recipient is required");
    assertThatThrownBy(() -> NotifierConfigLoader.parse(
            "receivers: [{ name: c, type: log }, { name: c, type: log }]", Map.of()))
        .hasMessage("receiver 'c': name is used by another receiver too");
  }

  @Test
  void aFileThatIsNotThereIsNamed(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> NotifierConfigLoader.load(missing, Map.of()))
        .hasMessageStartingWith("cannot read notifier configuration " + missing);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "receivers: [{ name: c, type: log }]\nroutes: [{ receivers: [x] }]\n");
    assertThatThrownBy(() -> NotifierConfigLoader.load(bad, Map.of()))
        .hasMessage(bad + ": routes[0]: receivers: unknown receiver 'x'; defined receivers: c");
  }

  @Test
  void secretsDoNotShowWhenTheConfigurationIsPrinted() {
    String printed = NotifierConfigLoader.parse(
        """
        receivers:
          - { name: hook, type: webhook, url: "http://h/x", secret: hook-secret }
          - { name: slack, type: slack, url: "https://hooks.slack.com/services/T0/B0/slack-token" }
          - { name: mail, type: email, smtp: { host: h, username: u, password: mail-pass }, from: a@b.c, to: d@e.f }
        """, Map.of()).toString();
    assertThat(printed).doesNotContain("hook-secret", "slack-token", "mail-pass").contains("***");
  }
}
