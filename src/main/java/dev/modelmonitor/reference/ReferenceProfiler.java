package dev.modelmonitor.reference;

import dev.modelmonitor.csv.CellValues;
import dev.modelmonitor.csv.ColumnType;
import dev.modelmonitor.csv.ColumnTypes;
import dev.modelmonitor.csv.CsvFormatException;
import dev.modelmonitor.csv.CsvSource;
import dev.modelmonitor.reports.TaskTypeRule;
import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.schema.TaskType;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.NumericReferenceBuilder;
import dev.modelmonitor.stats.Profile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a model's {@link ReferenceProfile} from a CSV file with bounded memory, streaming the
 * rows: pass 1 infers the column types (overrides win) and checks the whole file, pass 2 profiles
 * every column, and a third pass counts numeric columns exactly on their bin edges when a column
 * was too large to keep (more than {@link NumericReferenceBuilder#DEFAULT_EXACT_EDGE_LIMIT} values
 * with more than 1,000 distinct ones: its edges then come from a sketch). A bad file fails in
 * pass 1, naming the line, before anything is profiled.
 *
 * <p>The task type follows {@link TaskTypeRule} on the label column, else the prediction column.
 */
public final class ReferenceProfiler {
  private final List<String> features;
  private final String predictionColumn;
  private final String labelColumn;
  private final Map<String, ColumnType> overrides;
  private final double typeTolerance;
  private final Clock clock;

  /** Follows a long profiling run: one phase per pass over the file. */
  public interface Listener {
    /** A pass starts: {@code what} it does, over {@code rows} rows (0 when unknown yet). */
    void pass(String what, long rows);

    /** {@code rows} rows of the current pass are done. */
    void progress(long rows);

    Listener NONE = new Listener() {
      @Override
      public void pass(String what, long rows) {}

      @Override
      public void progress(long rows) {}
    };
  }

  /** What was built: the reference, the column types used, and how many passes it took. */
  public record Result(ReferenceProfile reference, Map<String, ColumnType> types, int passes) {}

  /**
   * @param features the feature columns, in the order the reference lists them
   * @param predictionColumn the model output column, or null
   * @param labelColumn the ground truth column, or null
   * @param overrides column types that win over inference
   * @param typeTolerance share of text a numeric column may hold (counted as type mismatches)
   * @param clock stamps {@code createdAt}, the reference's version
   */
  public ReferenceProfiler(List<String> features, String predictionColumn, String labelColumn,
      Map<String, ColumnType> overrides, double typeTolerance, Clock clock) {
    this.features = List.copyOf(features);
    this.predictionColumn = predictionColumn;
    this.labelColumn = labelColumn;
    this.overrides = Map.copyOf(overrides);
    this.typeTolerance = typeTolerance;
    this.clock = Objects.requireNonNull(clock, "clock");
    if (this.features.isEmpty() && predictionColumn == null) {
      throw new IllegalArgumentException("nothing to profile: no feature column and no "
          + "--prediction-column");
    }
  }

  /**
   * Profiles {@code source} for {@code modelId}.
   *
   * @throws CsvFormatException naming the line of what is wrong
   */
  public Result profile(String modelId, CsvSource source, Listener listener) {
    List<String> columns = new ArrayList<>(features);
    if (predictionColumn != null) {
      columns.add(predictionColumn);
    }
    if (labelColumn != null) {
      columns.add(labelColumn);
    }
    String file = source.file().toString();

    ColumnTypes inference = new ColumnTypes(columns, overrides, typeTolerance);
    long[] rows = {0};
    listener.pass("checked", 0);
    source.forEach(row -> {
      inference.observe(row);
      listener.progress(++rows[0]);
    });
    if (rows[0] == 0) {
      throw new CsvFormatException(file, 0,
          "no row passes --where/--rows; nothing to profile");
    }
    Map<String, ColumnType> types = inference.types(file);

    Map<String, Column> profiles = new LinkedHashMap<>();
    for (String column : columns) {
      profiles.put(column, new Column(types.get(column)));
    }
    feed(source, profiles, listener, "profiled", rows[0]);
    int passes = 2;
    Map<String, Column> exactCounts = new LinkedHashMap<>();
    profiles.forEach((name, c) -> {
      if (c.startSecondPass()) {
        exactCounts.put(name, c);
      }
    });
    if (!exactCounts.isEmpty()) {
      feed(source, exactCounts, listener, "counted on bin edges", rows[0]);
      passes = 3;
    }

    List<FeatureProfile> featureProfiles = new ArrayList<>();
    for (String f : features) {
      featureProfiles.add(profiles.get(f).result().toAvro(f));
    }
    Profile prediction = predictionColumn == null ? null : profiles.get(predictionColumn).result();
    Profile label = labelColumn == null ? null : profiles.get(labelColumn).result();
    TaskType task = TaskTypeRule.infer(label, prediction);
    ReferenceProfile reference = ReferenceProfile.newBuilder()
        .setModelId(modelId)
        .setCreatedAt(clock.instant())
        .setSource(source.file().getFileName().toString())
        .setRowCount(rows[0])
        .setFeatures(featureProfiles)
        .setPrediction(prediction == null ? null : prediction.toAvro(predictionColumn))
        .setLabel(label == null ? null : label.toAvro(labelColumn))
        .setTaskType(task)
        .setDriftThresholds(Map.of())
        .build();
    return new Result(reference, types, passes);
  }

  private static void feed(CsvSource source, Map<String, Column> profiles, Listener listener,
      String what, long total) {
    long[] rows = {0};
    listener.pass(what, total);
    source.forEach(row -> {
      for (Map.Entry<String, Column> e : profiles.entrySet()) {
        e.getValue().add(row.get(e.getKey()));
      }
      listener.progress(++rows[0]);
    });
  }

  /** One column's profile under construction. */
  private static final class Column {
    private final ColumnType type;
    private final NumericReferenceBuilder numeric;
    private final Profile other;
    private NumericProfile secondPass;

    Column(ColumnType type) {
      this.type = type;
      this.numeric = type == ColumnType.NUMERIC ? new NumericReferenceBuilder() : null;
      this.other = switch (type) {
        case NUMERIC -> null;
        case BOOLEAN -> CategoricalProfile.forBooleans();
        case CATEGORICAL -> CategoricalProfile.create();
      };
    }

    void add(String text) {
      Object value = CellValues.parse(text, type);
      if (secondPass != null) {
        secondPass.updateValue(value);
      } else if (numeric != null) {
        numeric.addValue(value);
      } else {
        other.updateValue(value);
      }
    }

    /** Whether this column needs the exact-count pass; if so, the next values go to it. */
    boolean startSecondPass() {
      if (numeric != null && numeric.needsSecondPass()) {
        secondPass = numeric.secondPass();
        return true;
      }
      return false;
    }

    Profile result() {
      if (secondPass != null) {
        return secondPass;
      }
      return numeric != null ? numeric.build() : other;
    }
  }
}
