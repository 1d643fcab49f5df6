package dev.modelmonitor.cli;

import dev.modelmonitor.schema.CheckFinding;
import dev.modelmonitor.schema.CheckResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** A check result as text: a header of what was asked and answered, then a row per finding. */
final class CheckResultTable {
  private static final String[] HEADER = {"CHECK", "STATUS", "METRIC", "VALUE", "THRESHOLD",
      "MESSAGE"};

  private final CheckResult result;
  private final long elapsedMillis;

  CheckResultTable(CheckResult result, long elapsedMillis) {
    this.result = result;
    this.elapsedMillis = elapsedMillis;
  }

  void print(PrintWriter out) {
    out.println("model     " + result.getModelId());
    out.println("status    " + result.getStatus());
    if (result.getWindowStart() != null) {
      out.println("window    " + result.getWindowStart() + " .. " + result.getWindowEnd());
    }
    out.println("answered  by " + (result.getAnsweredBy() == null ? "?" : result.getAnsweredBy())
        + " in " + elapsedMillis + " ms (request " + result.getRequestId() + ")");
    if (result.getMessage() != null) {
      out.println("message   " + result.getMessage());
    }
    if (result.getFindings().isEmpty()) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (CheckFinding f : result.getFindings()) {
      rows.add(new String[] {f.getCheck().name(), f.getStatus().name(), f.getMetric(),
          number(f.getValue()), number(f.getThreshold()), f.getMessage()});
    }
    int[] widths = new int[HEADER.length - 1];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    out.println();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line.append(row[row.length - 1]));
    }
  }

  static String number(Double value) {
    if (value == null) {
      return "-";
    }
    if (value.isNaN() || value.isInfinite()) {
      return value.toString();
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
