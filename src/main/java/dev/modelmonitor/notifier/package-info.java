/**
 * The notifier: delivers alerts from {@code <prefix>alerts} to people and tools.
 *
 * <p>{@link dev.modelmonitor.notifier.ModelNotifier} is the Kafka side (consumer with manual
 * commits, dead letters); {@link dev.modelmonitor.notifier.Dispatcher} is the delivery engine
 * (routing, per-receiver timeouts, retries with backoff and jitter, ordering per alert, grouping,
 * repeats) and runs without Kafka. Guarantee: at least once per receiver; receivers deduplicate
 * by the idempotency key {@code alertId:status}.
 */
package dev.modelmonitor.notifier;
