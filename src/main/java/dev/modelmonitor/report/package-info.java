/**
 * Reports for people and machines: a {@link dev.modelmonitor.schema.ModelReport} rendered as one
 * self-contained HTML file ({@link dev.modelmonitor.report.ReportHtmlRenderer}), as JSON ({@link
 * dev.modelmonitor.report.ReportJsonRenderer}) or as a text summary ({@link
 * dev.modelmonitor.report.ReportTextRenderer}); reports and references read back from Kafka ({@link
 * dev.modelmonitor.report.ReportReader}); files and an index written to a directory ({@link
 * dev.modelmonitor.report.ReportExporter}), by the CLI and by the service as windows close.
 */
package dev.modelmonitor.report;
