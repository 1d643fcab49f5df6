/**
 * Local mode and the real cluster of every integration test: an in-process single-node KRaft broker
 * ({@link dev.modelmonitor.local.EmbeddedKafkaBroker}), the schema registry on it, and the
 * pipeline's topics ({@link dev.modelmonitor.local.LocalCluster}, {@link
 * dev.modelmonitor.local.TopicCreator}).
 */
package dev.modelmonitor.local;
