/**
 * The SDK's internals: buffer, sending thread, sanitizing, hashing, metrics, container identity
 * and cgroup sampling. Not an API; it changes without notice.
 */
package dev.modelmonitor.producer.internal;
