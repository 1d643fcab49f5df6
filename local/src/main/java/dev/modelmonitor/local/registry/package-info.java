/**
 * A schema registry serving the Confluent Schema Registry REST API for Avro, storing its state in a
 * compacted Kafka topic in Confluent's record format: {@link
 * dev.modelmonitor.local.registry.LocalSchemaRegistry}.
 */
package dev.modelmonitor.local.registry;
