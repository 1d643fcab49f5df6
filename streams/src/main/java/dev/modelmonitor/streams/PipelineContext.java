package dev.modelmonitor.streams;

import dev.modelmonitor.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What every topology builder is given: the typed topics, the registry for the pipeline's own
 * metrics, and the wall clock (injected so tests control time).
 */
public record PipelineContext(Topics topics, MeterRegistry meterRegistry, Clock clock) {}
