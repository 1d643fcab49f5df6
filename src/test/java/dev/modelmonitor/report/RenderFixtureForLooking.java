package dev.modelmonitor.report;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the fixtures' HTML to a directory to look at by hand (not a test). */
final class RenderFixtureForLooking {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    ReportHtmlRenderer r = new ReportHtmlRenderer();
    Files.writeString(dir.resolve("bike.html"), r.render(ReportFixtures.bikeReport(), ReportFixtures.bikeReference()));
    Files.writeString(dir.resolve("rain.html"), r.render(ReportFixtures.rainReport(), ReportFixtures.rainReference()));
  }
}
