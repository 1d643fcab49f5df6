package dev.modelmonitor.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.schema.DatasetDrift;
import dev.modelmonitor.schema.ModelReport;
import java.io.UncheckedIOException;

/**
 * A report as pretty-printed JSON for tools, in a stable shape:
 *
 * <pre>{@code
 * {
 *   "format": "model-monitor.report",
 *   "formatVersion": 1,
 *   "status": "DRIFT",                 // ReportStatus: DRIFT, WARNING, NO_REFERENCE, NO_DATA, OK
 *   "headline": "Dataset drift: 8 of 12 features drifted (66.7%)",
 *   "reasons": ["3 data-quality findings to look at"],
 *   "report": { ... }                  // the ModelReport
 * }
 * }</pre>
 *
 * <p>{@code report} holds every field of the {@code ModelReport} Avro schema (see its {@code .avsc}
 * for what each means), in schema order and under the same names; nested records likewise. Optional
 * fields are their value or {@code null}; timestamps are ISO-8601 UTC strings such as {@code
 * 2012-07-01T00:00:00Z}; enums are their symbol; maps are objects with sorted keys; the serialized
 * sketch is base64; numbers that are not finite are {@code null}. Fields are only ever added (as
 * the schema evolves), never renamed or removed, within a format version.
 */
public final class ReportJsonRenderer {
  /** The value of the top-level {@code format} field. */
  public static final String FORMAT = "model-monitor.report";

  /** The value of {@code formatVersion}; raised only for incompatible changes. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The JSON document for {@code report}. */
  public ObjectNode toJson(ModelReport report) {
    ReportVerdict verdict = ReportVerdict.of(report);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("status", verdict.status().name());
    root.put("headline", verdict.headline());
    ArrayNode reasons = root.putArray("reasons");
    verdict.reasons().forEach(reasons::add);
    root.set("report", AvroJson.toJson(report));
    return root;
  }

  /**
   * Writes {@code report}'s one-line summary into {@code into}: model, window, counts, drift share
   * and verdict, as a list of reports shows it ({@code reports list --format json},
   * {@code GET /api/reports}).
   */
  public static ObjectNode summaryInto(ObjectNode into, ModelReport report) {
    ReportVerdict verdict = ReportVerdict.of(report);
    DatasetDrift drift = report.getDatasetDrift();
    into.put("modelId", report.getModelId());
    into.put("windowStart", report.getWindowStart().toString());
    into.put("windowEnd", report.getWindowEnd().toString());
    into.put("events", report.getEventCount());
    into.put("errors", report.getErrorCount());
    if (drift == null) {
      into.putNull("driftShare");
      into.putNull("datasetDrift");
    } else {
      into.put("driftShare", drift.getShare());
      into.put("datasetDrift", drift.getDrifted());
    }
    into.put("status", verdict.status().name());
    into.put("headline", verdict.headline());
    return into;
  }

  /** {@link #toJson} as indented text ending in a newline. */
  public String render(ModelReport report) {
    try {
      return MAPPER.writeValueAsString(toJson(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
