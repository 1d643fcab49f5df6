package dev.modelmonitor.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Where a report's files go under an export directory: {@code <model>/<windowStart>.<ext>}, with
 * names that are safe on every file system and in URLs whatever the model id holds.
 *
 * <p>A model id made only of {@code A-Z a-z 0-9 . _ -} (not starting with a dot, at most 80
 * characters) is its own directory name; any other is reduced to those characters and suffixed with
 * 8 hex digits of its SHA-256, so that distinct ids never share a directory. The window start is
 * ISO-8601 UTC with {@code -} for {@code :}, such as {@code 2012-07-01T00-00-00Z}.
 */
public final class ReportFiles {
  private static final int MAX_NAME = 80;

  private ReportFiles() {}

  /** The directory name of {@code modelId}. */
  public static String modelDirectory(String modelId) {
    StringBuilder safe = new StringBuilder();
    for (char c : modelId.toCharArray()) {
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      safe.append(ok ? c : '_');
    }
    String s = safe.toString();
    boolean unchanged =
        s.equals(modelId) && !s.isEmpty() && !s.startsWith(".") && s.length() <= MAX_NAME;
    if (unchanged) {
      return s;
    }
    String trimmed = s.replaceFirst("^\\.+", "_");
    if (trimmed.length() > MAX_NAME) {
      trimmed = trimmed.substring(0, MAX_NAME);
    }
    return (trimmed.isEmpty() ? "model" : trimmed) + "-" + hash(modelId);
  }

  /** The file name (without extension) of the window starting at {@code windowStart}. */
  public static String windowName(Instant windowStart) {
    return DateTimeFormatter.ISO_INSTANT.format(windowStart).replace(':', '-');
  }

  /** The path of a report file relative to the export directory, with {@code /} separators. */
  public static String relativePath(String modelId, Instant windowStart, ReportFormat format) {
    return modelDirectory(modelId) + "/" + windowName(windowStart) + "." + format.extension();
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
