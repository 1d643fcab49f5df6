package dev.modelmonitor.csv;

/** A CSV file that cannot be used as it is; the message names the file and the line. */
public final class CsvFormatException extends RuntimeException {
  private final long line;

  public CsvFormatException(String file, long line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message);
    this.line = line;
  }

  /** 1-based line in the file (the header is line 1); 0 when about the whole file. */
  public long line() {
    return line;
  }
}
