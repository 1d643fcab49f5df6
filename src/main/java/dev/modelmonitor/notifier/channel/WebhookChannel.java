package dev.modelmonitor.notifier.channel;

import dev.modelmonitor.notifier.config.ChannelSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSTs the {@link AlertJson} envelope, signed in {@value Signature#HEADER} when a secret is set,
 * with {@value #IDEMPOTENCY_HEADER} so receivers can drop redeliveries.
 */
final class WebhookChannel implements Channel {
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final ChannelSettings.Webhook settings;
  private final HttpPost http;

  WebhookChannel(ChannelSettings.Webhook settings, HttpPost http) {
    this.settings = settings;
    this.http = http;
  }

  @Override
  public void send(Notification n) throws DeliveryException, InterruptedException {
    byte[] body = AlertJson.envelope(n).toString().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>(settings.headers());
    headers.put(IDEMPOTENCY_HEADER, n.idempotencyKey());
    if (settings.secret() != null && !settings.secret().isEmpty()) {
      headers.put(Signature.HEADER, Signature.of(settings.secret(), body));
    }
    http.post(settings.url(), body, headers);
  }
}
