package dev.modelmonitor.topic;

import dev.modelmonitor.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The dead letter of a consumed record that could not be used: where it came from, its bytes and
 * headers as they were, and why. One shape for every component that reads records with a plain
 * consumer, so a dead-letter reader finds the same fields whoever wrote them.
 */
public final class DeadLetterFactory {
  private DeadLetterFactory() {}

  /**
   * @param component what refused the record ({@code checks}, {@code notifier}, ...)
   * @param reason DESERIALIZATION, VALIDATION, DELIVERY, ...
   * @param context headers added to the record's own (a receiver, attempts, ...)
   */
  public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, String component,
      String reason, String message, Instant failedAt, Map<String, String> context) {
    Map<String, String> headers = headers(record.headers());
    headers.putAll(context);
    return DeadLetter.newBuilder()
        .setSourceTopic(record.topic())
        .setSourcePartition(record.partition())
        .setSourceOffset(record.offset())
        .setSourceTimestamp(Instant.ofEpochMilli(record.timestamp()))
        .setReason(reason)
        .setMessage(message)
        .setComponent(component)
        .setFailedAt(failedAt)
        .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
        .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
        .setHeaders(headers)
        .build();
  }

  /** Record headers as text, those without a value left out. */
  public static Map<String, String> headers(Iterable<Header> recordHeaders) {
    Map<String, String> headers = new HashMap<>();
    for (Header header : recordHeaders) {
      if (header.value() != null) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return headers;
  }
}
