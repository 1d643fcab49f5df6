package dev.modelmonitor.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with its serdes: built once from configuration and passed around, so no code names a
 * topic or picks a serde on its own. Keys are model ids (or rule / request ids) as UTF-8 strings.
 */
public record Topic<V>(String name, Serde<String> keySerde, Serde<V> valueSerde) {}
