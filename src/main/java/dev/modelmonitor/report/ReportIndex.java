package dev.modelmonitor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.schema.DatasetDrift;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.ui.chart.Numbers;
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
    String current = null;
    for (Entry e : all) {
      if (!e.modelId().equals(current)) {
        if (current != null) {
          h.close("tbody").close("table").close("div").close("section").newline();
        }
        current = e.modelId();
        h.open("section", "class", "panel", "data-model", current).element("h2", current);
        h.open("div", "class", "scroll").open("table", "class", "index").open("thead").open("tr");
        for (String[] c :
            new String[][] {
              {"Window start", "", "190px"},
              {"Length", "", "80px"},
              {"Status", "", "150px"},
              {"Summary", "", null},
              {"Events", "num", "90px"},
              {"Error rate", "num", "100px"},
              {"Files", "", "120px"}
            }) {
          h.element(
              "th",
              c[0],
              "class",
              c[1].isEmpty() ? null : c[1],
              "scope",
              "col",
              "style",
              c[2] == null ? null : "width:" + c[2]);
        }
        h.close("tr").close("thead").open("tbody");
      }
      h.open("tr", "data-window", e.windowStart().toString());
      String html = e.files().get(ReportFormat.HTML.extension());
      h.open("td");
      if (html != null) {
        h.element("a", ReportTimes.format(e.windowStart(), zone), "href", html);
      } else {
        h.text(ReportTimes.format(e.windowStart(), zone));
      }
      h.close("td");
      h.element("td", ReportTimes.length(e.windowStart(), e.windowEnd()));
      h.open("td")
          .element(
              "span",
              e.status().label(),
              "class",
              "badge " + e.status().cssClass(),
              "style",
              "font-size:11px;padding:2px 9px")
          .close("td");
      h.element("td", e.headline());
      h.element("td", Numbers.count(e.events()), "class", "num");
      h.element(
          "td",
          e.events() == 0 ? "—" : Numbers.percent((double) e.errors() / e.events()),
          "class",
          "num");
      h.open("td");
      boolean first = true;
      for (Map.Entry<String, String> f : new TreeMap<>(e.files()).entrySet()) {
        if (!first) {
          h.text(" · ");
        }
        h.element("a", f.getKey().toUpperCase(java.util.Locale.ROOT), "href", f.getValue());
        first = false;
      }
      h.close("td").close("tr");
    }
    if (current != null) {
      h.close("tbody").close("table").close("div").close("section").newline();
    } else {
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
