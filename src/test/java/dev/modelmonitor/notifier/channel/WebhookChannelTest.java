package dev.modelmonitor.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.notifier.HttpReceiver;
import dev.modelmonitor.notifier.TestAlerts;
import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import dev.modelmonitor.notifier.config.ReceiverConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {
  private static final String SECRET = "s3cret-hook-key";
  private final HttpReceiver receiver = new HttpReceiver(SECRET);

  @AfterEach
  void stop() {
    receiver.close();
  }

  private Channel channel() {
    ReceiverConfig config =
        NotifierConfigLoader.parse(
                """
                receivers:
                  - name: oncall-webhook
                    type: webhook
                    url: ${HOOK_URL}
                    secret: ${HOOK_SECRET}
                    headers: { X-Team: risk }
                """,
                Map.of("HOOK_URL", receiver.url("/hook").toString(), "HOOK_SECRET", SECRET))
            .receiver("oncall-webhook");
    return Channels.create(config, Clock.systemUTC());
  }

  @Test
  void postsTheDocumentedJsonSignedWithHmacAndKeyedByAlertIdAndStatus() throws Exception {
    channel().send(new Notification("oncall-webhook", List.of(TestAlerts.firing()), 0));

    HttpReceiver.Request request = receiver.requests().get(0);
    assertThat(request.path()).isEqualTo("/hook");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Idempotency-Key")).isEqualTo("a-7f3e:FIRING");
    assertThat(request.header("X-Team")).isEqualTo("risk");
    assertThat(request.header("X-ModelMonitor-Signature")).isEqualTo("sha256=" + hmac(request.body()));
    assertThat(request.signatureValid()).isTrue();
    assertThat(request.json())
        .isEqualTo(
            new ObjectMapper().readTree(
                """
                {"version":"1","receiver":"oncall-webhook","status":"FIRING","modelId":"fraud-model",
                 "repeat":0,"idempotencyKey":"a-7f3e:FIRING",
                 "alerts":[{"idempotencyKey":"a-7f3e:FIRING","alertId":"a-7f3e","ruleId":"high-error-rate",
                   "modelId":"fraud-model","modelVersion":"3","severity":"critical","status":"FIRING",
                   "metric":"error_rate","op":">","value":0.125,"valueText":null,"threshold":0.05,
                   "startsAt":"2025-03-01T10:00:00Z","endsAt":null,"emittedAt":"2025-03-01T10:00:00Z",
                   "summary":"fraud-model error rate 0.125 > 0.05",
                   "description":"More than 5% of predictions failed over the last minute.",
                   "labels":{"model":"fraud-model","severity":"critical","team":"risk"},
                   "context":[
                     {"name":"TimeoutError","score":42.0,"reference":null,"current":null,"detail":"calls to feature store"},
                     {"name":"ValueError","score":3.0,"reference":null,"current":null,"detail":null}],
                   "url":"http://localhost:8080/alerts/a-7f3e"}]}
                """));
  }

  @Test
  void resolvedNotificationCarriesEndsAtAndTheResolvedKey() throws Exception {
    channel().send(new Notification("oncall-webhook", List.of(TestAlerts.resolved()), 0));

    HttpReceiver.Request request = receiver.requests().get(0);
    assertThat(request.header("Idempotency-Key")).isEqualTo("a-7f3e:RESOLVED");
    assertThat(request.json().get("status").asText()).isEqualTo("RESOLVED");
    assertThat(request.json().at("/alerts/0/endsAt").asText()).isEqualTo("2025-03-01T10:20:00Z");
    assertThat(request.json().at("/alerts/0/idempotencyKey").asText()).isEqualTo("a-7f3e:RESOLVED");
    assertThat(request.signatureValid()).isTrue();
  }

  @Test
  void aGroupCarriesEveryAlertAndAllTheirKeys() throws Exception {
    channel().send(new Notification("oncall-webhook",
        List.of(TestAlerts.drift("d-1", "fraud-model"), TestAlerts.firing()), 0));

    HttpReceiver.Request request = receiver.requests().get(0);
    assertThat(request.header("Idempotency-Key")).isEqualTo("d-1:FIRING,a-7f3e:FIRING");
    assertThat(request.json().get("alerts")).hasSize(2);
    assertThat(request.json().at("/alerts/0/alertId").asText()).isEqualTo("d-1");
  }

  @Test
  void clientErrorsArePermanentAndServerErrorsAreRetried() {
    Channel channel = channel();
    Notification n = new Notification("oncall-webhook", List.of(TestAlerts.firing()), 0);

    receiver.answer(400);
    assertThatThrownBy(() -> channel.send(n))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessage("POST " + receiver.url("/hook") + " answered HTTP 400: receiver says no");

    receiver.answer(503);
    assertThatThrownBy(() -> channel.send(n))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isFalse());

    receiver.answer(429);
    assertThatThrownBy(() -> channel.send(n))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isFalse());
  }

  @Test
  void aReceiverThatIsDownIsRetried() {
    receiver.goDown();
    assertThatThrownBy(() -> channel().send(
            new Notification("oncall-webhook", List.of(TestAlerts.firing()), 0)))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isFalse())
        .hasMessageContaining("ConnectException");
  }

  /** The receiver's side of the recipe in the README: HMAC-SHA256 over the raw body. */
  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
