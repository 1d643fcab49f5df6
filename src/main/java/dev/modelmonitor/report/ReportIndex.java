package dev.modelmonitor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.schema.DatasetDrift;
import dev.modelmonitor.schema.ModelReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The list of reports in an export directory: {@code index.json} for tools (format {@value
 * #FORMAT}) and {@code index.html} for people, newest window first per model. Entries are keyed by
 * model and window start, so exporting a window again replaces its entry.
 */
public final class ReportIndex {
  /** The {@code format} field of {@code index.json}. */
  public static final String FORMAT = "model-monitor.report-index";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One exported report.
   *
   * @param modelId the model
   * @param windowStart the window start
   * @param windowEnd the window end
   * @param events events in the window
   * @param errors failed events
   * @param features features compared with the reference (null without reference)
   * @param drifted features that drifted (null without reference)
   * @param status the verdict's status
   * @param headline the verdict's headline
   * @param files paths relative to the export directory, by format extension ({@code html}, {@code
   *     json})
   */
  public record Entry(
      String modelId,
      Instant windowStart,
      Instant windowEnd,
      long events,
      long errors,
      Integer features,
      Integer drifted,
      ReportStatus status,
      String headline,
      Map<String, String> files) {

    public Entry {
      Objects.requireNonNull(modelId, "modelId");
      Objects.requireNonNull(windowStart, "windowStart");
      files = Map.copyOf(files);
    }

    /** The entry of {@code report} with its files. */
    public static Entry of(ModelReport report, Map<String, String> files) {
      ReportVerdict v = ReportVerdict.of(report);
      DatasetDrift d = report.getDatasetDrift();
      return new Entry(
          report.getModelId(),
          report.getWindowStart(),
          report.getWindowEnd(),
          report.getEventCount(),
          report.getErrorCount(),
          d == null ? null : d.getFeatureCount(),
          d == null ? null : d.getDriftedCount(),
          v.status(),
          v.headline(),
          files);
    }

    String key() {
      return modelId + "\u0000" + windowStart.toEpochMilli();
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * The index stored at {@code manifest}, or an empty one if there is none or it cannot be read.
   */
  static ReportIndex load(Path manifest) {
    ReportIndex index = new ReportIndex();
    if (!Files.isRegularFile(manifest)) {
      return index;
    }
    try {
      JsonNode root = MAPPER.readTree(manifest.toFile());
      for (JsonNode e : root.path("reports")) {
        Map<String, String> files = new TreeMap<>();
        e.path("files")
            .fields()
            .forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
        index.put(
            new Entry(
                e.path("modelId").asText(),
                Instant.parse(e.path("windowStart").asText()),
                Instant.parse(e.path("windowEnd").asText()),
                e.path("events").asLong(),
                e.path("errors").asLong(),
                e.path("features").isNumber() ? e.path("features").asInt() : null,
                e.path("drifted").isNumber() ? e.path("drifted").asInt() : null,
                ReportStatus.valueOf(e.path("status").asText()),
                e.path("headline").asText(),
                files));
      }
    } catch (IOException | RuntimeException e) {
      // A damaged index is rebuilt from the reports written from now on; their files stay.
      return new ReportIndex();
    }
    return index;
  }

  void put(Entry entry) {
    entries.put(entry.key(), entry);
  }

  /** The entries, by model id, newest window first. */
  public List<Entry> entries() {
    List<Entry> list = new ArrayList<>(entries.values());
    list.sort(
        Comparator.comparing(Entry::modelId)
            .thenComparing(Entry::windowStart, Comparator.reverseOrder()));
    return list;
  }

  String json() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", 1);
    ArrayNode reports = root.putArray("reports");
    for (Entry e : entries()) {
      ObjectNode n = reports.addObject();
      n.put("modelId", e.modelId());
      n.put("windowStart", e.windowStart().toString());
      n.put("windowEnd", e.windowEnd().toString());
      n.put("events", e.events());
      n.put("errors", e.errors());
      if (e.features() == null) {
        n.putNull("features");
        n.putNull("drifted");
      } else {
        n.put("features", e.features());
        n.put("drifted", e.drifted());
      }
      n.put("status", e.status().name());
      n.put("headline", e.headline());
      ObjectNode files = n.putObject("files");
      new TreeMap<>(e.files()).forEach(files::put);
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  String html(ZoneId zone) {
    List<Entry> all = entries();
    long models = all.stream().map(Entry::modelId).distinct().count();
    HtmlWriter h = new HtmlWriter();
    h.raw("<!DOCTYPE html>").newline();
    h.open("html", "lang", "en").open("head");
    h.empty("meta", "charset", "utf-8");
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    h.element("title", "model-monitor reports");
    h.open("style").raw(ReportStyle.CSS).close("style");
    h.close("head").newline().open("body").open("main");
    h.open("header").element("div", "model-monitor", "class", "eyebrow").element("h1", "Reports");
    h.element(
        "div",
        all.size()
            + (all.size() == 1 ? " report" : " reports")
            + " of "
            + models
            + (models == 1 ? " model" : " models")
            + ", newest window first.",
        "class",
        "meta");
    h.close("header").newline();
    Map<String, List<Entry>> byModel = new LinkedHashMap<>();
    for (Entry e : all) {
      byModel.computeIfAbsent(e.modelId(), m -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<Entry>> m : byModel.entrySet()) {
      h.open("section", "class", "panel", "data-model", m.getKey()).element("h2", m.getKey());
      ReportTable.write(h, m.getValue(), zone, ReportTable.Style.INDEX, UnaryOperator.identity());
      h.close("section").newline();
    }
    if (byModel.isEmpty()) {
      h.open("section", "class", "panel")
          .element("p", "No reports yet.", "class", "muted")
          .close("section");
    }
    h.open("footer")
        .text("Generated by model-monitor. Every report is a self-contained file.")
        .close("footer");
    h.close("main").close("body").close("html").newline();
    return h.toString();
  }
}
