/**
 * HTTP ingest for apps not on the JVM, independent of the web framework: {@link
 * dev.modelmonitor.producer.ingest.IngestHandler} turns a JSON batch into Avro records on the
 * topics and an {@link dev.modelmonitor.producer.ingest.IngestResponse}.
 */
package dev.modelmonitor.producer.ingest;
