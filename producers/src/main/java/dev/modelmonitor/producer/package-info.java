/**
 * The producer SDK a model app embeds: {@link dev.modelmonitor.producer.ModelMonitor} publishes
 * predictions, labels, lifecycle changes, heartbeats and container resource samples to the
 * monitoring topics, without ever slowing the app beyond its {@link
 * dev.modelmonitor.producer.DropPolicy} or throwing into it.
 */
package dev.modelmonitor.producer;
