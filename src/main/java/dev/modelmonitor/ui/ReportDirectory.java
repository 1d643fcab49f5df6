package dev.modelmonitor.ui;

import dev.modelmonitor.report.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The report files the UI may serve: {@code <dir>/<model>/<file>.html|.json} as the exporter writes
 * them, and nothing else: no other extensions, no hidden files, nothing outside the directory
 * whatever the request's path holds. Names are checked against the characters the exporter uses
 * ({@code ReportFiles}) before they touch the file system.
 */
final class ReportDirectory {
  private final Path root;

  /**
   * @param root the exporter's directory, or null if reports are not written to files
   */
  ReportDirectory(Path root) {
    this.root = root == null ? null : root.toAbsolutePath().normalize();
  }

  /**
   * The file for the path segments {@code model} and {@code file}, if it is a report file that
   * exists.
   */
  Optional<Path> resolve(String model, String file) {
    if (root == null || !safe(model) || !safe(file) || format(file).isEmpty()) {
      return Optional.empty();
    }
    Path path = root.resolve(model).resolve(file).normalize();
    if (!path.startsWith(root) || !Files.isRegularFile(path)) {
      return Optional.empty();
    }
    return Optional.of(path);
  }

  /** The report format of a file name, by its extension. */
  static Optional<ReportFormat> format(String file) {
    for (ReportFormat f : ReportFormat.values()) {
      if (file.endsWith("." + f.extension())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Only the characters {@code ReportFiles} writes, and no leading dot. */
  private static boolean safe(String segment) {
    if (segment == null || segment.isEmpty() || segment.startsWith(".")) {
      return false;
    }
    for (char c : segment.toCharArray()) {
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
