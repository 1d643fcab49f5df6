package dev.modelmonitor.producer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads small kernel files (proc, cgroup) leniently: a missing or odd file is {@code null}. */
final class ProcFiles {
  private ProcFiles() {}

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  static String firstLine(Path file) {
    List<String> lines = lines(file);
    return lines.isEmpty() ? null : lines.get(0).trim();
  }

  static Long longValue(Path file) {
    return parseLong(firstLine(file));
  }

  static Long parseLong(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value of {@code key} in a flat-keyed file such as {@code cpu.stat}. */
  static Long keyedValue(Path file, String key) {
    for (String line : lines(file)) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && parts[0].equals(key)) {
        return parseLong(parts[1]);
      }
    }
    return null;
  }

  /** {@code relative} under {@code root}, treating {@code relative} as relative even if absolute. */
  static Path under(Path root, String relative) {
    String trimmed = relative.replaceAll("^/+", "");
    return trimmed.isEmpty() ? root : root.resolve(trimmed);
  }
}
