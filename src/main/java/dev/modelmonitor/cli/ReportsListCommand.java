package dev.modelmonitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.modelmonitor.report.ReportJsonRenderer;
import dev.modelmonitor.report.ReportTimes;
import dev.modelmonitor.report.ReportVerdict;
import dev.modelmonitor.report.TextTable;
import dev.modelmonitor.schema.DatasetDrift;
import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.ui.chart.Numbers;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model-monitor reports list}: one line per report, oldest window first per model. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List reports: model, window, events, errors, drift share, status.",
    footer = {"", "Exit codes: 0 listed, 1 error, 2 usage, 3 no report matched."})
public final class ReportsListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin ReportQueryOptions query;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json",
      description = "text (a table, default) or json (an array).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("--format must be text or json but was '" + format + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<ModelReport> reports =
        new ReportSource(connection, query, spec.commandLine().getErr(), Instant.now()).reports();
    if (reports.isEmpty()) {
      if (format.equals("json")) {
        out.println("[]");
        out.flush();
      }
      return ReportSource.EXIT_NO_REPORTS;
    }
    if (format.equals("json")) {
      out.print(json(reports));
    } else {
      TextTable table =
          new TextTable(
              "model",
              "window start",
              "window end",
              ">events",
              ">errors",
              ">drift share",
              "drifted",
              "status");
      for (ModelReport r : reports) {
        DatasetDrift d = r.getDatasetDrift();
        table.row(
            r.getModelId(),
            ReportTimes.format(r.getWindowStart(), ZoneOffset.UTC),
            ReportTimes.format(r.getWindowEnd(), ZoneOffset.UTC),
            Numbers.count(r.getEventCount()),
            Numbers.count(r.getErrorCount()),
            d == null
                ? "-"
                : d.getDriftedCount()
                    + "/"
                    + d.getFeatureCount()
                    + " ("
                    + Numbers.percent(d.getShare())
                    + ")",
            d == null ? "-" : d.getDrifted() ? "yes" : "no",
            ReportVerdict.of(r).status().label());
      }
      out.print(table.render(""));
    }
    out.flush();
    return 0;
  }

  private static String json(List<ModelReport> reports) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    for (ModelReport r : reports) {
      ReportJsonRenderer.summaryInto(array.addObject(), r);
    }
    return mapper.writeValueAsString(array) + "\n";
  }
}
