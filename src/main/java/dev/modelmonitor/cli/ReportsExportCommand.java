package dev.modelmonitor.cli;

import dev.modelmonitor.report.References;
import dev.modelmonitor.report.ReportExporter;
import dev.modelmonitor.report.ReportFormat;
import dev.modelmonitor.schema.ModelReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-monitor reports export}: writes each matching report as files under {@code --out}
 * ({@code <model>/<windowStart>.html|json}) plus {@code index.html} and {@code index.json}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write reports as self-contained HTML (and/or JSON) files plus an index.html linking them.",
    footer = {"", "Exit codes: 0 written, 1 error, 2 usage, 3 no report matched."})
public final class ReportsExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin ReportQueryOptions query;

  @Option(
      names = "--format",
      defaultValue = "html",
      paramLabel = "html|json|html,json",
      description = "File formats to write (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      defaultValue = "reports",
      paramLabel = "DIR",
      description =
          "Directory to write into (default: ./${DEFAULT-VALUE}); existing reports and index"
              + " entries stay.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Set<ReportFormat> formats = UsageException.parsing(() -> ReportFormat.parse(format));
    PrintWriter err = spec.commandLine().getErr();
    ReportSource source = new ReportSource(connection, query, err, Instant.now());
    List<ModelReport> reports = source.reports();
    if (reports.isEmpty()) {
      return ReportSource.EXIT_NO_REPORTS;
    }
    References references =
        formats.contains(ReportFormat.HTML) ? source.references() : References.none();
    ReportExporter exporter = new ReportExporter(out, formats);
    Progress progress = new Progress(err, "wrote", reports.size());
    exporter.exportAll(
        reports,
        references::forReport,
        n -> {
          if (reports.size() >= 20) {
            progress.update(n);
          }
        });
    if (reports.size() >= 20) {
      progress.done(reports.size());
    }
    long models = reports.stream().map(ModelReport::getModelId).distinct().count();
    String kinds =
        formats.stream()
            .map(f -> f.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(
        "wrote "
            + reports.size()
            + (reports.size() == 1 ? " report" : " reports")
            + " of "
            + models
            + (models == 1 ? " model" : " models")
            + " ("
            + kinds
            + ") to "
            + out
            + "; open "
            + out.resolve(ReportExporter.INDEX_HTML));
    stdout.flush();
    return 0;
  }
}
