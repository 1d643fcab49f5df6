package dev.modelmonitor.cli;

import java.util.Properties;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/** Turns "the broker is not there" into one clear sentence instead of a stack trace or a hang. */
final class KafkaReachability {
  private KafkaReachability() {}

  /** Fetches {@code topic}'s metadata, bounded by the producer's {@code max.block.ms}. */
  static void check(Producer<?, ?> producer, String topic, Properties props) {
    try {
      producer.partitionsFor(topic);
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "cannot reach Kafka at " + props.getProperty("bootstrap.servers") + " (" + e.getMessage()
              + "); is the broker running (model-monitor local) and --bootstrap-servers right?");
    }
  }
}
