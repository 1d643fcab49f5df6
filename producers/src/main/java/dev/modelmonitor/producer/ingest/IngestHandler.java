package dev.modelmonitor.producer.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.producer.internal.EventSanitizer;
import dev.modelmonitor.producer.internal.FieldIssue;
import dev.modelmonitor.registry.SchemaRegistryException;
import dev.modelmonitor.schema.LabelEvent;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.schema.StateEvent;
import dev.modelmonitor.serde.AvroSerializer;
import dev.modelmonitor.topic.TopicNames;
import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest endpoint's logic, free of any HTTP framework: {@code POST
 * /ingest/v1/{predictions|labels|state}} with a JSON array of events (a single object is a batch
 * of one) becomes Avro records on the matching topic, keyed by model id, and an {@link
 * IngestResponse}. The web server only passes the path segment, the body and its declared
 * length, and writes back the status and JSON.
 *
 * <p>"Accepted" means acknowledged by the broker (with the producer's {@code acks}) within
 * {@link IngestLimits#sendTimeout()}. A record not acknowledged in time is reported rejected but
 * may still arrive later, so a client that retries may write it twice. Thread-safe.
 *
 * <p>The producer must have a {@code String} key and {@code byte[]} value serializer; the
 * handler serializes values itself (Confluent wire format, subject {@code <topic>-value}) so that
 * one bad record or a registry failure only fails that record.
 */
public final class IngestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Producer<String, byte[]> producer;
  private final TopicNames topics;
  private final AvroSerializer<SpecificRecord> serializer;
  private final IngestLimits limits;
  private final JsonEvents events;
  private final MeterRegistry meters;
  private final Map<IngestKind, Counter> accepted = new EnumMap<>(IngestKind.class);
  private final Map<IngestKind, Counter> rejected = new EnumMap<>(IngestKind.class);

  public IngestHandler(
      Producer<String, byte[]> producer, Topics topics, IngestLimits limits, Clock clock, MeterRegistry meters) {
    this.producer = producer;
    this.topics = topics.names();
    this.serializer = new AvroSerializer<>(topics.registry());
    this.limits = limits;
    this.meters = meters;
    FieldIssue.Counter issues =
        issue -> Counter.builder("modelmonitor.ingest.fields.adjusted")
            .description("Ingested field values coerced, truncated or dropped, by reason")
            .tag("reason", issue.tag()).register(meters).increment();
    this.events =
        new JsonEvents(new EventSanitizer(limits.maxFeatures(), limits.maxStringLength(), Set.of(), issues), clock);
    for (IngestKind kind : IngestKind.values()) {
      accepted.put(kind, records(meters, kind, "accepted"));
      rejected.put(kind, records(meters, kind, "rejected"));
    }
  }

  /**
   * Handles one request.
   *
   * @param kind the path segment: {@code predictions}, {@code labels} or {@code state}
   * @param body the request body
   * @param contentLength the declared {@code Content-Length}, or -1 when unknown
   */
  public IngestResponse handle(String kind, byte[] body, long contentLength) {
    IngestKind ingestKind = IngestKind.fromPath(kind);
    IngestResponse response;
    try {
      response = ingestKind == null ? unknownKind(kind) : handle(ingestKind, body, contentLength);
    } catch (RuntimeException e) {
      LOG.warn("ingest of {} failed unexpectedly", kind, e);
      response = IngestResponse.refused(500, "internal error: " + e);
    }
    Counter.builder("modelmonitor.ingest.requests")
        .description("Ingest requests by kind and HTTP status")
        .tag("kind", ingestKind == null ? "unknown" : ingestKind.path())
        .tag("status", Integer.toString(response.status()))
        .register(meters)
        .increment();
    return response;
  }

  private static Counter records(MeterRegistry meters, IngestKind kind, String result) {
    return Counter.builder("modelmonitor.ingest.records")
        .description("Ingested records by kind, accepted or rejected")
        .tag("kind", kind.path())
        .tag("result", result)
        .register(meters);
  }

  private IngestResponse handle(IngestKind kind, byte[] body, long contentLength) {
    long size = Math.max(contentLength, body == null ? 0 : body.length);
    if (size > limits.maxBodyBytes()) {
      return IngestResponse.refused(
          413, "request body of " + size + " bytes exceeds the limit of " + limits.maxBodyBytes() + " bytes");
    }
    if (body == null || body.length == 0) {
      return IngestResponse.refused(400, "request body is empty; send a JSON array of events");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return IngestResponse.refused(400, "request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return IngestResponse.refused(400, "request body cannot be read: " + e.getMessage());
    }
    List<JsonNode> batch = new ArrayList<>();
    if (root != null && root.isArray()) {
      root.forEach(batch::add);
    } else if (root != null && root.isObject()) {
      batch.add(root);
    } else {
      return IngestResponse.refused(400, "request body must be a JSON array of events");
    }
    if (batch.size() > limits.maxBatchLength()) {
      return IngestResponse.refused(
          413, "batch of " + batch.size() + " events exceeds the limit of " + limits.maxBatchLength());
    }
    return write(kind, batch);
  }

  private IngestResponse write(IngestKind kind, List<JsonNode> batch) {
    String topic = topic(kind);
    String[] failures = new String[batch.size()];
    // Failures of Kafka or the registry rather than of the record: worth a retry (503).
    boolean[] ours = new boolean[batch.size()];
    List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
    List<Integer> sendIndexes = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      SpecificRecord record;
      try {
        record = events.decode(kind, batch.get(i));
      } catch (JsonEvents.Rejected e) {
        failures[i] = e.getMessage();
        continue;
      }
      try {
        byte[] value = serializer.serialize(topic, record);
        sends.add(producer.send(new ProducerRecord<>(topic, null, timestamp(record), modelId(record), value)));
        sendIndexes.add(i);
      } catch (SchemaRegistryException e) {
        failures[i] = "schema registry failed: " + e.getMessage();
        ours[i] = true;
      } catch (RuntimeException e) {
        failures[i] = "not acknowledged by Kafka: " + e.getMessage();
        ours[i] = true;
      }
    }
    long deadline = System.nanoTime() + limits.sendTimeout().toNanos();
    for (int s = 0; s < sends.size(); s++) {
      int index = sendIndexes.get(s);
      try {
        sends.get(s).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        continue;
      } catch (ExecutionException e) {
        failures[index] = "not acknowledged by Kafka: " + e.getCause().getMessage();
      } catch (TimeoutException e) {
        failures[index] = "not acknowledged by Kafka within " + limits.sendTimeout().toMillis() + " ms";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures[index] = "not acknowledged by Kafka: interrupted";
      }
      ours[index] = true;
    }
    return response(kind, failures, ours);
  }

  private IngestResponse response(IngestKind kind, String[] failures, boolean[] ours) {
    List<IngestResponse.RecordError> errors = new ArrayList<>();
    boolean deliveryFailed = false;
    for (int i = 0; i < failures.length; i++) {
      if (failures[i] != null) {
        errors.add(new IngestResponse.RecordError(i, failures[i]));
        deliveryFailed |= ours[i];
      }
    }
    int ok = failures.length - errors.size();
    accepted.get(kind).increment(ok);
    rejected.get(kind).increment(errors.size());
    int status;
    if (errors.isEmpty()) {
      status = 200;
    } else if (ok > 0) {
      status = 207;
    } else {
      status = deliveryFailed ? 503 : 400;
    }
    return new IngestResponse(status, ok, errors.size(), errors, null);
  }

  private static IngestResponse unknownKind(String kind) {
    return IngestResponse.refused(
        404, "unknown ingest kind '" + kind + "'; use /ingest/v1/predictions, /ingest/v1/labels or /ingest/v1/state");
  }

  private String topic(IngestKind kind) {
    return switch (kind) {
      case PREDICTIONS -> topics.predictions();
      case LABELS -> topics.labels();
      case STATE -> topics.state();
    };
  }

  private static String modelId(SpecificRecord record) {
    if (record instanceof PredictionEvent p) {
      return p.getModelId();
    }
    if (record instanceof LabelEvent l) {
      return l.getModelId();
    }
    return ((StateEvent) record).getModelId();
  }

  private static Long timestamp(SpecificRecord record) {
    if (record instanceof PredictionEvent p) {
      return p.getTimestamp().toEpochMilli();
    }
    if (record instanceof LabelEvent l) {
      return l.getTimestamp().toEpochMilli();
    }
    return ((StateEvent) record).getTimestamp().toEpochMilli();
  }
}
