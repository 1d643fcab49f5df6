/**
 * Windowed static reports (DESIGN section 4.2): {@link dev.modelmonitor.reports.ReportsTopology}
 * aggregates each model's prediction events into tumbling windows and, when a window closes,
 * emits one {@code ModelReport} to {@code <prefix>reports}, compared with the model's reference in
 * force and joined with its labels. Settings: {@link dev.modelmonitor.reports.ReportsSettings}.
 *
 * <h2>Windows and time</h2>
 *
 * <ul>
 *   <li>Windows are tumbling, {@code reports.window} long (default 1 h), aligned to the epoch in
 *       UTC: a record at time t is in [t - t mod size, + size). Time is the record timestamp
 *       (the SDK and {@code model-monitor produce} set it to the event's time), and "now" is the
 *       task's <em>prediction time</em>, the largest timestamp among the predictions the stream
 *       task has processed, so a replay of history produces the same reports as live traffic.
 *       Labels do not move it: labels processed ahead of the predictions of the same hours make
 *       nothing late. A window's report only appears once a later prediction (of any model of
 *       the same partition) moves prediction time past its emit time.
 *   <li>Grace (default 5 min): a prediction counts in its window while prediction time is below
 *       {@code windowEnd + grace}. After that it is <b>late</b>: dead-lettered to {@code
 *       <prefix>dlq} with reason {@code LATE} (the original bytes, so it can be replayed) and
 *       counted ({@code modelmonitor.reports.late.events} and {@code modelmonitor.dlq.records}).
 *       Dead-lettering rather than dropping keeps the standard "nothing lost": a late event is
 *       visible and recoverable, not only a number.
 *   <li>Future: a prediction or label dated more than {@code reports.future-tolerance} (default
 *       1 h) ahead of the wall clock is dead-lettered with reason {@code FUTURE} and changes
 *       nothing; taken as it is, one prediction from a clock years ahead (or with a timestamp in
 *       the wrong unit) would close every open window and make every later event late.
 *   <li>Emit time: {@code windowEnd + grace}, plus {@code labels.max-delay} when the model's
 *       labels are joined and {@code reports.wait-for-labels} is true (the default), so that the
 *       performance of a window covers every label that can still join it; the price is a report
 *       that much later and the window's state kept that much longer. Such a window also waits
 *       for the task's <em>label time</em> (the largest label timestamp it has processed) to
 *       reach its emit time, or for labels to be quiet for {@code reports.labels-idle} (2 s, wall
 *       clock): Kafka Streams does not hold one input back for the other ({@code
 *       max.task.idle.ms=-1}), so labels may be read behind the predictions of the same hours.
 *       Whether a model's labels are joined is decided when its window opens ({@code
 *       reports.label-join}: by default, when its reference has a label profile or the model has
 *       sent labels before). With {@code
 *       reports.wait-for-labels=false} reports come at {@code windowEnd + grace} with the labels
 *       joined so far, and say so in a {@code performance_partial} finding.
 *   <li>Exactly one report per model-window that had events, none for empty windows: a window
 *       exists from its first event; it is deleted when its report is emitted, and a prediction
 *       for it can no longer open it again because it is late by then. Under {@code
 *       exactly_once_v2} the report, the state deletion and the input offsets commit together,
 *       so a crash cannot repeat or lose a report.
 * </ul>
 *
 * <h2>Labels</h2>
 *
 * A label joins the prediction with the same model and requestId when their timestamps are at
 * most {@code labels.max-delay} apart, in either arrival order: predictions wait in {@link
 * dev.modelmonitor.reports.ReportStores#PENDING_PREDICTIONS}, labels that came first in {@link
 * dev.modelmonitor.reports.ReportStores#PENDING_LABELS} ({@code JoinBuffer}). Each side waits by
 * the other side's time, so that labels read days ahead of their predictions (or the reverse)
 * still join: a label until prediction time is more than window + grace + delay past it (every
 * prediction it could join is late by then; counted {@code expired}), a prediction until the
 * earlier of prediction time and label time is (its window has reported by then). A joined pair
 * counts in the prediction's window while that window is open. One record waits per model and
 * requestId: a second with the same requestId replaces the first. Performance follows the task
 * type of the reference (else {@link dev.modelmonitor.reports.TaskTypeRule} on the window's
 * predictions): classification (accuracy, macro precision/recall/F1, confusion matrix) or
 * regression (MAE, RMSE, MAPE, bias); see {@code PerformanceAccumulator} for the definitions.
 * With {@code reports.label-join=never} the labels topic is not read and reports carry no
 * performance.
 *
 * <h2>The reference in force</h2>
 *
 * The compacted {@code <prefix>reference} topic is read into the global store {@link
 * dev.modelmonitor.reports.ReportStores#REFERENCES}; the latest valid record per model is in
 * force. A report is compared with the reference in force when the window closes, so a new
 * reference applies to the windows that close after it arrives (a window opened earlier is
 * rebinned on the new edges; see {@code dev.modelmonitor.stats}). New window profiles take the
 * type and bin edges of the reference in force when they are created. A model without a reference
 * gets a profile-only report with a {@code no_reference} finding.
 *
 * <h2>Report contents</h2>
 *
 * Event, error and outcome counts; the most frequent error types; latency (count, mean, p50, p90,
 * p99, max in ms, from {@code latencyMicros}); per feature the window's profile (moments,
 * quantiles, the reference's bins, categories; no raw values), missing rate against the
 * reference's, share outside the reference's [min, max], unseen categories and the drift of
 * DESIGN section 5; prediction drift; dataset drift; data-quality findings ({@code
 * missing_rate_jump}, {@code unseen_categories}, {@code out_of_range}, {@code type_mismatch},
 * {@code type_changed}, {@code no_values}, {@code too_many_features}, {@code no_reference},
 * {@code few_events}); and performance. Features are sorted drifted first, then by PSI.
 *
 * <h2>State</h2>
 *
 * All stores are named in {@link dev.modelmonitor.reports.ReportStores}. An open model-window is a
 * header and one entry per profile in {@code reports-windows} (profiles as their compact bytes,
 * bounded in size by the statistics library), plus a journal of the at most {@code
 * reports.fold-events} events since in {@code reports-journal}: each commit writes one record per
 * window holding that commit's events (encoded compactly), and every {@code fold-events} events
 * the changed profiles are written whole and the window's journal deleted, so that the stores hold
 * every processed event when Kafka Streams commits without rewriting whole profiles per event. A
 * window that takes {@code fold-events} events between two commits is written whole at each commit
 * instead, without a journal, and so is a new window of a model that took that many in the last
 * commit interval; a busy window that reports before the commit is never written but for its
 * header. A window's state is deleted when it reports. The task's prediction
 * time is written to {@link dev.modelmonitor.reports.ReportStores#CLOCK} at every commit too. A
 * decoded copy of up to {@code reports.cached-windows} open windows per task is kept in memory.
 *
 * <h2>For the service</h2>
 *
 * {@link dev.modelmonitor.reports.ReportsTopology#latestReports} queries {@link
 * dev.modelmonitor.reports.ReportStores#LATEST}, the latest report per model of this instance's
 * tasks, for the UI and gauges. Metrics are listed in {@code ReportsMetrics}.
 */
package dev.modelmonitor.reports;
