package dev.modelmonitor.cli;

import dev.modelmonitor.report.ReportHtmlRenderer;
import dev.modelmonitor.report.ReportJsonRenderer;
import dev.modelmonitor.report.ReportTextRenderer;
import dev.modelmonitor.schema.ModelReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model-monitor reports show}: one report of a model, the latest unless told which. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show one report of a model (the latest, or the window starting at --window-start).",
    footer = {"", "Exit codes: 0 shown, 1 error, 2 usage, 3 no report matched."})
public final class ReportsShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin ReportQueryOptions query;

  @Option(
      names = "--window-start",
      paramLabel = "TIME",
      description =
          "The window's start, as reports list prints it (2026-11-28 10:00 UTC) or ISO-8601; "
              + "default: the latest window.")
  String windowStart;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json|html",
      description = "text (a summary, default), json or html (the self-contained page).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (query.model == null) {
      throw new UsageException(
          "reports show needs --model; reports list shows which models have reports");
    }
    if (!List.of("text", "json", "html").contains(format)) {
      throw new UsageException(
          "--format must be text, json or html but was '" + format + "'");
    }
    Instant now = Instant.now();
    Instant window =
        windowStart == null ? null : TimeBound.parse("--window-start", windowStart, now);
    PrintWriter err = spec.commandLine().getErr();
    ReportSource source = new ReportSource(connection, query, err, now);
    List<ModelReport> reports = source.reports();
    if (reports.isEmpty()) {
      return ReportSource.EXIT_NO_REPORTS;
    }
    ModelReport report = reports.get(reports.size() - 1);
    if (window != null) {
      report =
          reports.stream().filter(r -> r.getWindowStart().equals(window)).findFirst().orElse(null);
      if (report == null) {
        err.println(
            "no report of model '"
                + query.model
                + "' for the window starting at "
                + window
                + "; "
                + reports.size()
                + " other windows: model-monitor reports list --model "
                + query.model);
        err.flush();
        return ReportSource.EXIT_NO_REPORTS;
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case "json" -> out.print(new ReportJsonRenderer().render(report));
      case "html" ->
          out.print(new ReportHtmlRenderer().render(report, source.references().forReport(report)));
      default -> out.print(new ReportTextRenderer().render(report));
    }
    out.flush();
    return 0;
  }
}
