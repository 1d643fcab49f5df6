package dev.modelmonitor.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The shared real datasets (see {@code ../shared/data/README.md}): from the directory in the
 * system property {@code mm.shared.data} if set, else {@code ../shared/data} next to the
 * repository root, else the identical copies in this module's test resources ({@code /data}), so
 * that a clean clone tests the same rows.
 */
final class SharedData {
  static final String PROPERTY = "mm.shared.data";

  private SharedData() {}

  static Path file(String relative) {
    String configured = System.getProperty(PROPERTY);
    if (configured != null) {
      Path path = Path.of(configured).resolve(relative);
      if (!Files.isRegularFile(path)) {
        throw new IllegalStateException(PROPERTY + "=" + configured + " has no " + relative);
      }
      return path;
    }
    Path root = repositoryRoot();
    if (root != null) {
      Path shared = root.resolveSibling("shared").resolve("data").resolve(relative);
      if (Files.isRegularFile(shared)) {
        return shared;
      }
    }
    URL copy = SharedData.class.getResource("/data/" + relative);
    if (copy == null) {
      throw new IllegalStateException("no " + relative
          + " in ../shared/data nor in the test resources");
    }
    try {
      return Path.of(copy.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The nearest ancestor of the working directory that holds the parent and streams poms. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isRegularFile(dir.resolve("streams").resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    return null;
  }

  static String sha256(Path path) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
      return HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A comma-separated file without quoting: the header and the data rows. */
  record Csv(List<String> header, List<String[]> rows) {
    static Csv read(Path path) {
      try {
        List<String> lines = Files.readAllLines(path);
        List<String[]> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
          if (!line.isEmpty()) {
            rows.add(line.split(",", -1));
          }
        }
        return new Csv(List.of(lines.get(0).split(",", -1)), rows);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** One column over 0-based data-row ranges [start, end). */
    List<String> column(String name, List<int[]> ranges) {
      int j = header.indexOf(name);
      if (j < 0) {
        throw new IllegalArgumentException("no column " + name + " in " + header);
      }
      List<String> out = new ArrayList<>();
      for (int[] range : ranges) {
        for (int i = range[0]; i < range[1]; i++) {
          out.add(rows.get(i)[j]);
        }
      }
      return out;
    }
  }
}
