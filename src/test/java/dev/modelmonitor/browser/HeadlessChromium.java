package dev.modelmonitor.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, driven from tests the way a person would open a page: a fresh
 * profile, no network services, no GPU. Fails (never skips) when Chromium is not installed, with
 * the command that installs it.
 */
public final class HeadlessChromium {
  /** How long one Chromium run may take before it is killed as hung. */
  private static final long RUN_LIMIT_SECONDS = 180;

  private final Path binary;
  private final Path workDir;

  private HeadlessChromium(Path binary, Path workDir) {
    this.binary = binary;
    this.workDir = workDir;
  }

  /**
   * Finds Chromium ({@code $CHROMIUM}, else {@code /usr/bin/chromium}, {@code chromium-browser},
   * {@code google-chrome}); {@code workDir} holds the throwaway profiles and logs.
   */
  public static HeadlessChromium find(Path workDir) {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isExecutable(p)) {
        return new HeadlessChromium(p, workDir);
      }
    }
    throw new AssertionError(
        "Chromium is not installed (looked for "
            + String.join(", ", candidates)
            + "). Install it with: apt-get update && apt-get install -y chromium   (or set CHROMIUM"
            + " to its path)");
  }

  /** Screenshots {@code page} into {@code png} at {@code width} x {@code height} CSS pixels. */
  public void screenshot(Path page, Path png, int width, int height) {
    List<String> args = base("shot");
    args.add("--hide-scrollbars");
    args.add("--force-device-scale-factor=1");
    args.add("--screenshot=" + png.toAbsolutePath());
    args.add("--window-size=" + width + "," + height);
    args.add(page.toUri().toString());
    run(args, "shot");
    if (!Files.isRegularFile(png)) {
      throw new AssertionError(
          "Chromium wrote no screenshot to " + png + "; its log: " + log("shot"));
    }
  }

  /** The DOM of {@code page} after Chromium parsed and laid it out. */
  public String dumpDom(Path page) {
    List<String> args = base("dom");
    args.add("--dump-dom");
    args.add(page.toUri().toString());
    return run(args, "dom");
  }

  private List<String> base(String name) {
    Path profile = workDir.resolve("profile-" + name + "-" + System.nanoTime());
    List<String> args =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
    return args;
  }

  private String run(List<String> args, String name) {
    try {
      Files.createDirectories(workDir);
      Path out = workDir.resolve(name + ".out");
      Path err = workDir.resolve(name + ".log");
      Process p =
          new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            "Chromium did not finish within " + RUN_LIMIT_SECONDS + " s: " + args);
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "Chromium exited with " + p.exitValue() + ": " + args + "\n" + log(name));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot run Chromium at " + binary + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while Chromium ran", e);
    }
  }

  private String log(String name) {
    try {
      return Files.readString(workDir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
