package dev.modelmonitor.local.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a registry, as any Confluent client would make them. */
final class RegistryHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status, content type and body parsed as JSON. */
  record Response(int status, String contentType, JsonNode body) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  RegistryHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Response get(String path) {
    return send("GET", path, null, RegistryApi.CONTENT_TYPE);
  }

  Response post(String path, String body) {
    return send("POST", path, body, RegistryApi.CONTENT_TYPE);
  }

  Response put(String path, String body) {
    return send("PUT", path, body, RegistryApi.CONTENT_TYPE);
  }

  Response delete(String path) {
    return send("DELETE", path, null, RegistryApi.CONTENT_TYPE);
  }

  /** {@code {"schema": "<schemaJson>"}}, the body of register, lookup and compatibility calls. */
  static String schemaBody(String schemaJson) {
    return JSON.createObjectNode().put("schema", schemaJson).toString();
  }

  Response send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
