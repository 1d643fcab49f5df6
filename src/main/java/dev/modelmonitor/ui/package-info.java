/**
 * The service's web UI: server-rendered HTML with inline SVG charts, no scripts and no external
 * resources, so it works offline and behind a strict Content-Security-Policy.
 *
 * <p>{@link dev.modelmonitor.ui.UiRoutes} adds the pages to the service's HTTP server; they draw
 * what {@link dev.modelmonitor.ui.UiData} reports (models and their instances, per-minute
 * aggregates, alerts, reports). Every alert page links, in one click, to where its cause is shown:
 * the distributions of the drifted features, the error types, the instances' heartbeats. Charts
 * come from {@link dev.modelmonitor.ui.chart}; the look is the reports'.
 */
package dev.modelmonitor.ui;
