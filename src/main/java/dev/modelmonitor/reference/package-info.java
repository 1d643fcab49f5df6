/**
 * Reference profiles from datasets: {@link dev.modelmonitor.reference.ReferenceProfiler} turns a
 * CSV file (the model's training or validation data, the seed's {@code data.csv}) into the {@code
 * ReferenceProfile} that reports and alerts compare live traffic with. {@code model-monitor
 * reference publish} and the demo use it.
 */
package dev.modelmonitor.reference;
