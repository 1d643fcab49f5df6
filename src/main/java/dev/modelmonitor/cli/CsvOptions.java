package dev.modelmonitor.cli;

import dev.modelmonitor.csv.ColumnType;
import dev.modelmonitor.csv.ColumnTypes;
import dev.modelmonitor.csv.CsvSource;
import dev.modelmonitor.csv.RowFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The CSV options {@code reference publish} and {@code produce} share: the file, which rows and
 * columns to use, the special columns and column types.
 */
public final class CsvOptions {
  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV file with a header line.")
  Path csv;

  @Option(
      names = "--types",
      paramLabel = "COL=TYPE[,…]",
      description = "Column types that override inference: numeric, categorical or boolean.")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--exclude",
      split = ",",
      paramLabel = "COL[,…]",
      description = "Columns that are not features (ids, timestamps, …).")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--where",
      paramLabel = "COL=VALUE",
      description = "Use only rows where COL equals VALUE (repeatable; all must hold).")
  List<String> where = new ArrayList<>();

  @Option(
      names = "--rows",
      paramLabel = "FROM:TO",
      description = "Use only data rows FROM..TO (1-based, inclusive; either end may be left open).")
  String rows;

  @Option(names = "--prediction-column", paramLabel = "COL", description = "Column holding the model output.")
  String predictionColumn;

  @Option(names = "--label-column", paramLabel = "COL", description = "Column holding the ground truth.")
  String labelColumn;

  @Option(
      names = "--type-tolerance",
      defaultValue = "0.01",
      paramLabel = "SHARE",
      description = "Share of non-numeric values a numeric column may hold (default: ${DEFAULT-VALUE}).")
  double typeTolerance;

  /** Opens the CSV, checking the header and that every column named by an option exists. */
  CsvSource open(Map<String, String> otherColumnsByOption) {
    CsvSource source = new CsvSource(csv, UsageException.parsing(() -> RowFilter.of(where, rows)));
    source.requireColumns("--exclude", exclude);
    source.requireColumns("--types", typeOverrides().keySet());
    if (predictionColumn != null) {
      source.requireColumns("--prediction-column", List.of(predictionColumn));
    }
    if (labelColumn != null) {
      source.requireColumns("--label-column", List.of(labelColumn));
    }
    otherColumnsByOption.forEach(
        (option, column) -> source.requireColumns(option, List.of(column)));
    return source;
  }

  Map<String, ColumnType> typeOverrides() {
    return UsageException.parsing(() -> ColumnTypes.parseOverrides(types));
  }

  /** The feature columns: every column except excluded, prediction, label and {@code others}. */
  List<String> featureColumns(CsvSource source, List<String> others) {
    List<String> features = new ArrayList<>();
    for (String column : source.header()) {
      if (!exclude.contains(column)
          && !column.equals(predictionColumn)
          && !column.equals(labelColumn)
          && !others.contains(column)) {
        features.add(column);
      }
    }
    return features;
  }
}
