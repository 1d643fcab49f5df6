/**
 * Dynamic alerts (DESIGN §4.1): rules evaluated per model over sliding windows of the prediction
 * and state events, emitting an {@link dev.modelmonitor.schema.Alert} FIRING once per episode and
 * RESOLVED once when it clears.
 *
 * <p>Public API: {@link dev.modelmonitor.alerts.AlertsTopology} (a pure builder and the
 * recommended Streams settings), {@link dev.modelmonitor.alerts.AlertsSettings} (declared keys
 * with defaults), {@link dev.modelmonitor.alerts.AlertStores} (store names) and {@link
 * dev.modelmonitor.alerts.AlertIds}. Everything else here is package-private machinery:
 *
 * <ul>
 *   <li>Per model ({@code ModelState}): a clock that follows event time and runs on with the wall
 *       clock when traffic stops; rings of time buckets ({@code WindowRing}, {@code Bucket}), one
 *       per bucket width the rules in force need, each bucket bounded whatever the event count
 *       (counts, error types, a REQ latency sketch, missing counts, feature profiles for drift);
 *       instances and their lifecycle; versions; Page-Hinkley detectors; alert episodes.
 *   <li>{@code AlertEvaluator}: evaluates a model's rules on each of its events and every model's
 *       on a wall-clock punctuation; {@code MetricComputer} defines the metrics; {@code
 *       DriftMeter} is the seam to the statistics library ({@code StatsDriftMeter}).
 *   <li>Rules and references come from global in-memory stores fed by {@code
 *       CompactedTopicUpdater}, so every instance sees all of them.
 *   <li>{@code ModelStateStore} keeps the state in a changelogged store: a head per model and an
 *       entry per bucket, written when changed.
 * </ul>
 */
package dev.modelmonitor.alerts;
