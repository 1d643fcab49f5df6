package dev.modelmonitor.reports;

import dev.modelmonitor.schema.ConfusionMatrix;
import dev.modelmonitor.schema.Performance;
import dev.modelmonitor.schema.TaskType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model quality over the (prediction, label) pairs of one window, kept for both task types until
 * the report decides which applies: a confusion matrix over at most {@code maxClasses} classes
 * (later classes pooled as {@value #OTHER}), and sums for the regression errors over the pairs
 * that are both numbers.
 *
 * <p>Definitions. Classification: accuracy = correct / pairs; per class c, precision = TP / (TP +
 * FP), recall = TP / (TP + FN), F1 = 2PR / (P + R), each 0 when its denominator is 0 (scikit-learn's
 * {@code zero_division=0}); macro = unweighted mean over the classes that occur as label or
 * prediction. Regression, with e = predicted - actual: MAE = mean |e|, RMSE = sqrt(mean e^2), bias
 * = mean e, MAPE = mean |e| / |actual| over the pairs whose actual is not 0, as a fraction.
 */
final class PerformanceAccumulator {
  static final String OTHER = "(other)";

  private final int maxClasses;
  private final Set<String> classes = new LinkedHashSet<>();
  private final Map<String, Map<String, Long>> confusion = new HashMap<>();
  private long pairs;
  private long numericPairs;
  private double sumAbs;
  private double sumSquares;
  private double sumErrors;
  private long percentPairs;
  private double sumAbsPercent;

  PerformanceAccumulator(int maxClasses) {
    this.maxClasses = maxClasses;
  }

  /** Adds one joined pair; a null actual or prediction adds nothing. */
  void add(Object predicted, Object actual) {
    String p = ClassNames.of(predicted);
    String a = ClassNames.of(actual);
    if (p == null || a == null) {
      return;
    }
    pairs++;
    confusion.computeIfAbsent(bounded(a), k -> new HashMap<>()).merge(bounded(p), 1L, Long::sum);
    double pv = ClassNames.number(predicted);
    double av = ClassNames.number(actual);
    if (Double.isFinite(pv) && Double.isFinite(av)) {
      double e = pv - av;
      numericPairs++;
      sumAbs += Math.abs(e);
      sumSquares += e * e;
      sumErrors += e;
      if (av != 0) {
        percentPairs++;
        sumAbsPercent += Math.abs(e) / Math.abs(av);
      }
    }
  }

  private String bounded(String c) {
    if (classes.contains(c)) {
      return c;
    }
    if (classes.size() < maxClasses - 1) {
      classes.add(c);
      return c;
    }
    return OTHER;
  }

  long pairs() {
    return pairs;
  }

  /** The Avro form for {@code task}; null without pairs (or without numeric pairs for regression). */
  Performance toAvro(TaskType task) {
    if (task == TaskType.REGRESSION) {
      if (numericPairs == 0) {
        return null;
      }
      return Performance.newBuilder()
          .setTaskType(TaskType.REGRESSION)
          .setLabeledCount(numericPairs)
          .setMae(sumAbs / numericPairs)
          .setRmse(Math.sqrt(sumSquares / numericPairs))
          .setBias(sumErrors / numericPairs)
          .setMape(percentPairs == 0 ? null : sumAbsPercent / percentPairs)
          .build();
    }
    if (pairs == 0) {
      return null;
    }
    List<String> labels = sortedClasses();
    int k = labels.size();
    long[][] counts = new long[k][k];
    for (int i = 0; i < k; i++) {
      Map<String, Long> row = confusion.getOrDefault(labels.get(i), Map.of());
      for (int j = 0; j < k; j++) {
        counts[i][j] = row.getOrDefault(labels.get(j), 0L);
      }
    }
    long correct = 0;
    double precisionSum = 0;
    double recallSum = 0;
    double f1Sum = 0;
    for (int c = 0; c < k; c++) {
      long tp = counts[c][c];
      long actual = 0;
      long predicted = 0;
      for (int j = 0; j < k; j++) {
        actual += counts[c][j];
        predicted += counts[j][c];
      }
      correct += tp;
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      precisionSum += precision;
      recallSum += recall;
      f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
    List<List<Long>> rows = new ArrayList<>(k);
    for (long[] row : counts) {
      List<Long> r = new ArrayList<>(k);
      for (long v : row) {
        r.add(v);
      }
      rows.add(r);
    }
    return Performance.newBuilder()
        .setTaskType(TaskType.CLASSIFICATION)
        .setLabeledCount(pairs)
        .setAccuracy((double) correct / pairs)
        .setPrecisionMacro(precisionSum / k)
        .setRecallMacro(recallSum / k)
        .setF1Macro(f1Sum / k)
        .setConfusion(new ConfusionMatrix(labels, rows))
        .build();
  }

  /** Classes in the matrix: numerically when all are integers, else by name; (other) last. */
  private List<String> sortedClasses() {
    Set<String> all = new LinkedHashSet<>(confusion.keySet());
    confusion.values().forEach(row -> all.addAll(row.keySet()));
    boolean other = all.remove(OTHER);
    List<String> labels = new ArrayList<>(all);
    boolean integers = labels.stream().allMatch(s -> s.matches("-?\\d{1,18}"));
    labels.sort(integers ? Comparator.comparingLong(Long::parseLong)
        : Comparator.<String>naturalOrder());
    if (other) {
      labels.add(OTHER);
    }
    return labels;
  }

  void write(StateCodec.Writer out) {
    out.putLong(pairs).putLong(numericPairs).putDouble(sumAbs).putDouble(sumSquares)
        .putDouble(sumErrors).putLong(percentPairs).putDouble(sumAbsPercent);
    out.putInt(classes.size());
    for (String c : classes) {
      out.putString(c);
    }
    out.putInt(confusion.size());
    for (Map.Entry<String, Map<String, Long>> row : confusion.entrySet()) {
      out.putString(row.getKey()).putInt(row.getValue().size());
      for (Map.Entry<String, Long> cell : row.getValue().entrySet()) {
        out.putString(cell.getKey()).putLong(cell.getValue());
      }
    }
  }

  static PerformanceAccumulator read(StateCodec.Reader in, int maxClasses) {
    PerformanceAccumulator p = new PerformanceAccumulator(maxClasses);
    p.pairs = in.getLong();
    p.numericPairs = in.getLong();
    p.sumAbs = in.getDouble();
    p.sumSquares = in.getDouble();
    p.sumErrors = in.getDouble();
    p.percentPairs = in.getLong();
    p.sumAbsPercent = in.getDouble();
    int classes = in.getInt();
    for (int i = 0; i < classes; i++) {
      p.classes.add(in.getString());
    }
    int rows = in.getInt();
    for (int i = 0; i < rows; i++) {
      String actual = in.getString();
      int cells = in.getInt();
      Map<String, Long> row = new HashMap<>();
      for (int j = 0; j < cells; j++) {
        row.put(in.getString(), in.getLong());
      }
      p.confusion.put(actual, row);
    }
    return p;
  }
}
