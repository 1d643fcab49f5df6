package dev.modelmonitor.notifier.config;

import java.time.Duration;

/**
 * One receiver: a name routes refer to, its channel settings and its delivery policy.
 *
 * @param timeout how long one delivery attempt may take
 * @param repeatInterval how often a still-firing alert is sent again; zero never repeats
 */
public record ReceiverConfig(
    String name,
    ReceiverType type,
    Duration timeout,
    RetryPolicy retry,
    Duration repeatInterval,
    ChannelSettings settings) {}
