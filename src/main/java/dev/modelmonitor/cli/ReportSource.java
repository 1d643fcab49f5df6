package dev.modelmonitor.cli;

import dev.modelmonitor.client.ReadProgress;
import dev.modelmonitor.client.TopicBacklog;
import dev.modelmonitor.local.KafkaUnreachableException;
import dev.modelmonitor.report.References;
import dev.modelmonitor.report.ReportReader;
import dev.modelmonitor.schema.ModelReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * What the {@code reports} commands share: reading the matching reports (and the references to draw
 * next to them) with a live count on stderr, and the exit codes.
 */
final class ReportSource {
  /** Exit code when no report matches: not an error, but scripts can tell. */
  static final int EXIT_NO_REPORTS = 3;

  /** Reads shorter than this show no live count. */
  private static final long PROGRESS_FROM = 1_000;

  private final ConnectionOptions connection;
  private final ReportQueryOptions query;
  private final PrintWriter err;
  private final Instant now;

  ReportSource(
      ConnectionOptions connection, ReportQueryOptions query, PrintWriter err, Instant now) {
    this.connection = connection;
    this.query = query;
    this.err = err;
    this.now = now;
  }

  /**
   * The reports that match, oldest window first per model; an empty list was reported on stderr.
   */
  List<ModelReport> reports() {
    Instant from = query.from(now);
    Instant to = query.to(now);
    if (from != null && to != null && !to.isAfter(from)) {
      throw new UsageException("--to (" + to + ") must be after --from (" + from + ")");
    }
    ReportReader.Result<ModelReport> result;
    try {
      result = reader().reports(query.model, from, to, progress());
    } catch (TopicBacklog.TopicMissingException e) {
      throw new IllegalStateException(
          e.getMessage()
              + "; create the topics with model-monitor topics create, "
              + "or check --topic-prefix");
    } catch (KafkaUnreachableException e) {
      throw unreachable(e);
    }
    if (result.skipped() > 0) {
      err.println(
          "warning: skipped "
              + result.skipped()
              + " records of "
              + connection.topicNames().reports()
              + " that could not be decoded");
    }
    if (result.values().isEmpty()) {
      err.println(
          "no reports "
              + query.describe(now)
              + " in "
              + connection.topicNames().reports()
              + " ("
              + result.records()
              + " records read)");
      err.println(NOT_YET);
      err.flush();
    }
    return result.values();
  }

  /** Why a model with events can have no report yet, and where to look instead. */
  static final String NOT_YET = "A window reports once a later prediction moves time past its end "
      + "plus reports.grace (plus labels.max-delay for models with labels); --from and --to bound "
      + "window starts; model-monitor reports list shows every model's reports.";

  /** The references of the models in {@code reports}, or none if their topic is missing. */
  References references() {
    try {
      return reader().references(query.model, progress());
    } catch (KafkaUnreachableException e) {
      throw unreachable(e);
    }
  }

  private ReportReader reader() {
    return new ReportReader(connection.kafkaProperties(), connection.topics(), query.timeout());
  }

  private IllegalStateException unreachable(KafkaUnreachableException e) {
    return new IllegalStateException(
        e.getMessage()
            + "; is the broker running (model-monitor local) and --bootstrap-servers right?",
        e);
  }

  private ReadProgress progress() {
    Progress[] line = {null};
    return (topic, read, total, done) -> {
      if (total < PROGRESS_FROM) {
        return;
      }
      if (line[0] == null) {
        line[0] = new Progress(err, "read " + topic, total);
      }
      if (done) {
        line[0].done(read);
      } else {
        line[0].update(read);
      }
    };
  }
}
