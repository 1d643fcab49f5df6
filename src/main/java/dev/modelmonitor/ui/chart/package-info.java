/**
 * Server-side SVG charts for the HTML reports and the UI: no JavaScript, no external resources,
 * readable offline and printable.
 *
 * <p>Every chart is a small immutable builder ending in {@code toSvg()}, which returns one {@code
 * <svg>} element as a string, ready to inline in HTML or to serve as {@code image/svg+xml}. Charts
 * carry {@code role="img"}, an {@code aria-label} and a {@code <title>}; bars and points carry
 * {@code <title>} tooltips with exact values and {@code data-*} attributes for tests and tools. All
 * text is escaped with {@link dev.modelmonitor.ui.chart.Markup#escape}, so model ids and feature
 * names from users cannot inject markup. Colours come from the colour-blind-safe {@link
 * dev.modelmonitor.ui.chart.Palette}.
 *
 * <ul>
 *   <li>{@link dev.modelmonitor.ui.chart.GroupedBarChart}: current vs reference distributions
 *       (build the data with {@link dev.modelmonitor.ui.chart.Distribution}).
 *   <li>{@link dev.modelmonitor.ui.chart.LineChart}: time series with gaps and a threshold.
 *   <li>{@link dev.modelmonitor.ui.chart.Sparkline}: a word-sized trend.
 *   <li>{@link dev.modelmonitor.ui.chart.HorizontalBarChart}: ranked values such as drift scores,
 *       with threshold markers.
 * </ul>
 */
package dev.modelmonitor.ui.chart;
