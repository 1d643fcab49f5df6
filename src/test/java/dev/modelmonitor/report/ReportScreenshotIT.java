package dev.modelmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.browser.HeadlessChromium;
import dev.modelmonitor.ui.chart.Palette;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the bike-demand report in headless Chromium as a person would: the page renders (a real
 * screenshot, not blank, with the red drift badge and the blue/orange bars), and the DOM Chromium
 * built holds every chart. The screenshot is kept as {@code target/screenshots/report.png}; the
 * README's {@code docs/report-screenshot.png} is a copy of it.
 */
class ReportScreenshotIT {
  static final int WIDTH = 1280;
  static final int HEIGHT = 2400;
  static final Path OUT = Path.of("target", "screenshots");

  static Path page;
  static HeadlessChromium chromium;

  @BeforeAll
  static void renderTheReport() throws Exception {
    Files.createDirectories(OUT);
    page = OUT.resolve("report.html");
    Files.writeString(
        page,
        new ReportHtmlRenderer()
            .render(ReportFixtures.bikeReport(), ReportFixtures.bikeReference()));
    chromium = HeadlessChromium.find(OUT.resolve("chromium"));
  }

  @Test
  void screenshotShowsTheRenderedReportWithItsDriftBadgeAndCharts() throws Exception {
    Path png = OUT.resolve("report.png");
    Files.deleteIfExists(png);

    chromium.screenshot(page, png, WIDTH, HEIGHT);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    assertThat(luminanceStdDev(image)).as("a page with content, not a blank one").isGreaterThan(20);
    assertThat(pixelsOf(image, Palette.STATUS_CRITICAL))
        .as("the red 'Dataset drift' badge")
        .isGreaterThan(1_000);
    assertThat(pixelsOf(image, Palette.CURRENT)).as("current bars").isGreaterThan(5_000);
    assertThat(pixelsOf(image, Palette.REFERENCE)).as("reference bars").isGreaterThan(5_000);
    assertThat(pixelsOf(image, Palette.FLAGGED))
        .as("drifted features in the drift chart")
        .isGreaterThan(2_000);
  }

  @Test
  void chromiumsDomHoldsEveryChartAndTheVerdict() {
    String dom = chromium.dumpDom(page);

    assertThat(count(dom, "<svg[^>]*class=\"mm-chart mm-bars\""))
        .as("a distribution chart per feature and the prediction")
        .isEqualTo(13);
    assertThat(count(dom, "<svg[^>]*class=\"mm-chart mm-hbars\""))
        .as("drift and error-type charts")
        .isEqualTo(2);
    assertThat(count(dom, "<rect[^>]*class=\"bar\"[^>]*data-series=\"reference\""))
        .isGreaterThan(100);
    assertThat(dom)
        .contains("data-status=\"DRIFT\"")
        .contains("Dataset drift: 8 of 12 features drifted (66.7%)");
  }

  private static double luminanceStdDev(BufferedImage image) {
    double sum = 0;
    double sumSq = 0;
    long n = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y);
        double l =
            0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
        sum += l;
        sumSq += l * l;
        n++;
      }
    }
    double mean = sum / n;
    return Math.sqrt(sumSq / n - mean * mean);
  }

  private static long pixelsOf(BufferedImage image, String hex) {
    int target = Integer.parseInt(hex.substring(1), 16);
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        if (close(rgb >> 16, target >> 16) && close(rgb >> 8, target >> 8) && close(rgb, target)) {
          count++;
        }
      }
    }
    return count;
  }

  private static boolean close(int a, int b) {
    return Math.abs((a & 0xff) - (b & 0xff)) <= 3;
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
