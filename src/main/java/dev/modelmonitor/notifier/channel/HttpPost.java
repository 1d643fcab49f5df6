package dev.modelmonitor.notifier.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A JSON POST with a timeout that classifies the answer: 2xx delivered; 408, 425, 429, 5xx and
 * network errors worth retrying; any other status permanent.
 */
final class HttpPost {
  private static final int MAX_ERROR_BODY = 300;

  private final HttpClient client;
  private final Duration timeout;

  HttpPost(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  void post(URI url, byte[] body, Map<String, String> headers)
      throws DeliveryException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "model-monitor-notifier")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException("POST " + url + " failed: " + e, false, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String text = response.body() == null ? "" : response.body().strip();
    if (text.length() > MAX_ERROR_BODY) {
      text = text.substring(0, MAX_ERROR_BODY) + "…";
    }
    boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
    throw new DeliveryException(
        "POST " + url + " answered HTTP " + status + (text.isEmpty() ? "" : ": " + text),
        !retryable);
  }
}
