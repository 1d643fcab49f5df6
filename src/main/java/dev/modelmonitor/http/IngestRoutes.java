package dev.modelmonitor.http;

import dev.modelmonitor.producer.ingest.IngestHandler;
import dev.modelmonitor.producer.ingest.IngestLimits;
import dev.modelmonitor.producer.ingest.IngestResponse;
import dev.modelmonitor.topic.Topics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code POST /ingest/v1/{predictions|labels|state}}: the SDK's ingest logic for apps that are not
 * on the JVM, mounted on the service's HTTP server with a producer of its own.
 */
public final class IngestRoutes implements HttpServer.Routes, AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final IngestHandler handler;

  public IngestRoutes(Properties kafka, Topics topics, MeterRegistry meters) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.handler = new IngestHandler(producer, topics, IngestLimits.DEFAULTS, Clock.systemUTC(), meters);
  }

  @Override
  public void addTo(Javalin app) {
    app.post(
        "/ingest/v1/{kind}",
        ctx -> {
          IngestResponse response =
              handler.handle(ctx.pathParam("kind"), ctx.bodyAsBytes(), ctx.contentLength());
          ctx.status(response.status()).contentType(response.contentType()).result(response.json());
        });
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
