package dev.modelmonitor.cli;

import java.io.PrintWriter;

/**
 * A live count on one terminal line for long CLI work: "produced 12,000/17,379 (69%) 8,512/s".
 * Redraws at most five times a second so it costs nothing on hot loops.
 */
final class Progress {
  private static final long REDRAW_NANOS = 200_000_000L;
  /** The progress whose line is on the terminal, not ended yet (one command runs per process). */
  private static volatile Progress drawn;

  private final PrintWriter out;
  private final String verb;
  private final long total;
  private final long started = System.nanoTime();
  private long lastDraw;

  /** @param total the expected count, or 0 when unknown */
  Progress(PrintWriter out, String verb, long total) {
    this.out = out;
    this.verb = verb;
    this.total = total;
  }

  void update(long count) {
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      out.print("\r" + line(count, now));
      out.flush();
      drawn = this;
    }
  }

  void done(long count) {
    out.println("\r" + line(count, System.nanoTime()));
    out.flush();
    drawn = null;
  }

  /**
   * Ends the line of a progress that work failing midway left open, so that the error printed
   * next starts a line of its own.
   */
  static void endOpenLine() {
    Progress open = drawn;
    if (open != null) {
      open.out.println();
      open.out.flush();
      drawn = null;
    }
  }

  private String line(long count, long now) {
    double seconds = Math.max((now - started) / 1e9, 1e-3);
    String of = total > 0 ? String.format("/%,d (%d%%)", total, count * 100 / total) : "";
    return String.format("%s %,d%s %,.0f/s   ", verb, count, of, count / seconds);
  }
}
