package dev.modelmonitor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelmonitor.notifier.channel.Signature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on a loopback port (the JDK's server): records every request, checks the
 * webhook signature when it knows the secret, answers with a chosen status, and can go down (port
 * closed) and come back on the same port.
 */
public final class HttpReceiver implements AutoCloseable {
  /** One request as received. */
  public record Request(String path, Map<String, List<String>> headers, String body, boolean signatureValid) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    public JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final String secret;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger attempts = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile CountDownLatch hang = new CountDownLatch(0);
  private final int port;
  private HttpServer server;

  /** @param secret the webhook secret whose signature is checked, or null */
  public HttpReceiver(String secret) {
    this.secret = secret;
    this.server = bind(0);
    this.port = server.getAddress().getPort();
  }

  private HttpServer bind(int onPort) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
      s.createContext("/", this::handle);
      s.setExecutor(executor);
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    attempts.incrementAndGet();
    try {
      hang.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int answer = status.get();
    if (answer >= 200 && answer < 300) {
      String signature = exchange.getRequestHeaders().getFirst(Signature.HEADER);
      boolean valid = secret != null && signature != null && signature.equals(Signature.of(secret, body));
      requests.add(
          new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
              new String(body, StandardCharsets.UTF_8), valid));
    }
    byte[] reply = (answer >= 400 ? "receiver says no" : "ok").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Requests answered with a 2xx, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests that reached the server, whatever it answered. */
  public int attempts() {
    return attempts.get();
  }

  /** The status every request is answered with from now on. */
  public void answer(int httpStatus) {
    status.set(httpStatus);
  }

  /** Requests are held without an answer until {@link #release()}. */
  public void hang() {
    hang = new CountDownLatch(1);
  }

  public void release() {
    hang.countDown();
  }

  /** Closes the port: connections are refused. */
  public synchronized void goDown() {
    server.stop(0);
  }

  /** Listens on the same port again. */
  public synchronized void comeBack() {
    server = bind(port);
  }

  @Override
  public synchronized void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
