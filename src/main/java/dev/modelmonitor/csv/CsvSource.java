package dev.modelmonitor.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of a CSV file with a header, one at a time (bounded memory whatever the file
 * size), checking its shape: a header, no duplicate or blank column names, every row as wide as
 * the header. Rows can be filtered by column value ({@code --where}) and by data-row range
 * ({@code --rows}).
 */
public final class CsvSource {
  private static final int BYTE_ORDER_MARK = '\uFEFF';

  private final Path file;
  private final RowFilter filter;
  private final List<String> header;

  /** Opens {@code file} just long enough to read and check its header. */
  public CsvSource(Path file, RowFilter filter) {
    this.file = file;
    this.filter = filter;
    if (Files.isDirectory(file)) {
      throw new CsvFormatException(file.toString(), 0, "a directory, not a CSV file");
    }
    if (!Files.isRegularFile(file)) {
      throw new CsvFormatException(file.toString(), 0, "no such file");
    }
    try (CSVParser parser = open()) {
      this.header = List.copyOf(parser.getHeaderNames());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new CsvFormatException(file.toString(), 1, "bad header: " + e.getMessage());
    }
    if (header.isEmpty()) {
      throw new CsvFormatException(file.toString(), 0, "the file is empty: a header line and rows are needed");
    }
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).isBlank()) {
        throw new CsvFormatException(file.toString(), 1, "column " + (i + 1) + " of the header has no name");
      }
    }
    filter.checkColumns(this);
  }

  public Path file() {
    return file;
  }

  public List<String> header() {
    return header;
  }

  /** Fails naming the column when one of {@code columns} is not in the header. */
  public void requireColumns(String option, Collection<String> columns) {
    for (String column : columns) {
      if (!header.contains(column)) {
        throw new CsvFormatException(
            file.toString(), 1,
            option + " names column '" + column + "', which the header does not have; columns: "
                + String.join(", ", header) + separatorHint());
      }
    }
  }

  // A file separated by semicolons or tabs reads as one column named after the whole header line.
  private String separatorHint() {
    if (header.size() == 1) {
      for (String separator : List.of(";", "\t", "|")) {
        if (header.get(0).contains(separator)) {
          return " (one column: the file looks separated by '"
              + (separator.equals("\t") ? "\\t" : separator)
              + "'; model-monitor reads comma-separated files, convert it first)";
        }
      }
    }
    return "";
  }

  /** Calls {@code action} for every row that passes the filter, in file order. */
  public void forEach(Consumer<Row> action) {
    try (CSVParser parser = open()) {
      Iterator<CSVRecord> records = parser.iterator();
      long dataRow = 0;
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw new CsvFormatException(file.toString(), parser.getCurrentLineNumber(), "unreadable row: " + e.getMessage());
        }
        dataRow++;
        long line = record.getParser().getCurrentLineNumber();
        if (record.size() != header.size()) {
          throw new CsvFormatException(
              file.toString(), line,
              "row has " + record.size() + " values but the header has " + header.size() + " columns");
        }
        Row row = new Row(record, line, dataRow);
        if (filter.accepts(row)) {
          action.accept(row);
        }
      }
      if (dataRow == 0) {
        throw new CsvFormatException(file.toString(), 0, "the file has a header but no rows");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CSVParser open() throws IOException {
    BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    // Excel's and pandas' "UTF-8 with BOM" start with U+FEFF, which would become part of the first
    // column's name (an option naming that column would then not find it).
    reader.mark(1);
    if (reader.read() != BYTE_ORDER_MARK) {
      reader.reset();
    }
    return CSVFormat.DEFAULT.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true)
        .setAllowMissingColumnNames(true)
        .get()
        .parse(reader);
  }

  /** One row: values by column name, with its line in the file and its data-row number. */
  public static final class Row {
    private final CSVRecord record;
    private final long line;
    private final long number;

    Row(CSVRecord record, long line, long number) {
      this.record = record;
      this.line = line;
      this.number = number;
    }

    /** The raw text of {@code column}; empty string when the cell is empty. */
    public String get(String column) {
      return record.get(column);
    }

    /** 1-based line in the file. */
    public long line() {
      return line;
    }

    /** 1-based number among data rows (the header is not counted). */
    public long number() {
      return number;
    }

    public Map<String, String> toMap() {
      return new HashMap<>(record.toMap());
    }
  }
}
