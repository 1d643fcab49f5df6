package dev.modelmonitor.report;

import dev.modelmonitor.schema.ModelReport;
import dev.modelmonitor.schema.ReferenceProfile;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every report the service sees into its {@code reports.dir} as windows close, drawn
 * against the reference its model had: a listener for the reports topic, with a second one
 * ({@link #references()}) for the reference topic. Wire both to topic followers; let the
 * reference follower catch up first, or the first reports are drawn without reference.
 *
 * <p>Never throws into the follower: a report that cannot be written is logged and counted
 * ({@link #failed()}); it stays on the reports topic, and {@code reports export} writes it later.
 */
public final class ReportDirectoryWriter implements BiConsumer<String, ModelReport> {
  private static final Logger log = LoggerFactory.getLogger(ReportDirectoryWriter.class);

  private final ReportExporter exporter;
  private final References references = new References();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public ReportDirectoryWriter(ReportExporter exporter) {
    this.exporter = Objects.requireNonNull(exporter, "exporter");
  }

  /** The listener for the reference topic (a null value forgets the model's references). */
  public BiConsumer<String, ReferenceProfile> references() {
    return (key, profile) -> {
      synchronized (references) {
        if (profile == null) {
          if (key != null) {
            references.remove(key);
          }
        } else {
          references.add(profile);
        }
      }
    };
  }

  @Override
  public void accept(String key, ModelReport report) {
    if (report == null) {
      return;
    }
    ReferenceProfile reference;
    synchronized (references) {
      reference = references.forReport(report);
    }
    try {
      exporter.export(report, reference);
      written.incrementAndGet();
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.error(
          "cannot write report {} to {}: {}",
          report.getReportId(),
          exporter.directory().toAbsolutePath(),
          e.getMessage(),
          e);
    }
  }

  /** Reports written so far. */
  public long written() {
    return written.get();
  }

  /** Reports that could not be written. */
  public long failed() {
    return failed.get();
  }
}
