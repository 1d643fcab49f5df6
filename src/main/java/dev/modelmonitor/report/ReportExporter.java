package dev.modelmonitor.report;

import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Writes reports into a directory as files people open and tools read: {@code
 * <model>/<windowStart>.html} and {@code .json} (names from {@link ReportFiles}), plus {@code
 * index.html} linking every report and {@code index.json} listing them ({@link ReportIndex}).
 *
 * <p>The CLI exports what it read from Kafka; the service calls {@link #export} as each window
 * closes. Files are written to a temporary name and moved into place, so a reader never sees half a
 * report. One exporter per directory: calls are serialized; two processes writing the same
 * directory at once may lose each other's index entries (not their report files).
 */
public final class ReportExporter {
  /** The file listing every report for people. */
  public static final String INDEX_HTML = "index.html";

  /** The file listing every report for tools. */
  public static final String INDEX_JSON = "index.json";

  private final Path directory;
  private final Set<ReportFormat> formats;
  private final ZoneId zone;
  private final ReportHtmlRenderer html;
  private final ReportJsonRenderer json = new ReportJsonRenderer();

  /** Times in UTC. */
  public ReportExporter(Path directory, Set<ReportFormat> formats) {
    this(directory, formats, ZoneOffset.UTC);
  }

  public ReportExporter(Path directory, Set<ReportFormat> formats, ZoneId zone) {
    this.directory = Objects.requireNonNull(directory, "directory");
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("need at least one report format");
    }
    this.formats = EnumSet.copyOf(formats);
    this.zone = zone;
    this.html = new ReportHtmlRenderer(zone);
  }

  public Path directory() {
    return directory;
  }

  /**
   * Writes one report's files and updates the index.
   *
   * @param reference the model's reference, to draw reference distributions; may be null
   * @return the files written, the index last
   */
  public synchronized List<Path> export(ModelReport report, ReferenceProfile reference) {
    return exportAll(List.of(report), r -> reference, n -> {});
  }

  /**
   * Writes many reports' files and then the index once.
   *
   * @param references the reference to draw for each report (may return null)
   * @param progress called with the number of reports written so far
   * @return the files written, the index last
   */
  public synchronized List<Path> exportAll(
      List<ModelReport> reports,
      Function<ModelReport, ReferenceProfile> references,
      LongConsumer progress) {
    try {
      Files.createDirectories(directory);
      ReportIndex index = ReportIndex.load(directory.resolve(INDEX_JSON));
      List<Path> written = new ArrayList<>();
      long done = 0;
      for (ModelReport report : reports) {
        Map<String, String> files = new LinkedHashMap<>();
        for (ReportFormat format : formats) {
          String relative =
              ReportFiles.relativePath(report.getModelId(), report.getWindowStart(), format);
          String content =
              format == ReportFormat.HTML
                  ? html.render(report, references.apply(report))
                  : json.render(report);
          Path file = directory.resolve(relative);
          write(file, content);
          written.add(file);
          files.put(format.extension(), relative);
        }
        index.put(ReportIndex.Entry.of(report, files));
        progress.accept(++done);
      }
      write(directory.resolve(INDEX_JSON), index.json());
      write(directory.resolve(INDEX_HTML), index.html(zone));
      written.add(directory.resolve(INDEX_HTML));
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write reports to " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** The reports exported to this directory so far, from its {@code index.json}. */
  public synchronized List<ReportIndex.Entry> index() {
    return ReportIndex.load(directory.resolve(INDEX_JSON)).entries();
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
