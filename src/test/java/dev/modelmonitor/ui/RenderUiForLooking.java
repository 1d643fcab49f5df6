package dev.modelmonitor.ui;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the fixture scene's pages to a directory to look at by hand (not a test). */
final class RenderUiForLooking {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    FixtureUiData data = new FixtureUiData();
    UiSettings s = UiSettings.DEFAULTS.withoutRefresh();
    Files.writeString(
        dir.resolve("overview.html"), new OverviewPage(data, s).render(FixtureUiData.NOW));
    Files.writeString(
        dir.resolve("model.html"),
        new ModelPage(data, s).render(FixtureUiData.BIKE, FixtureUiData.NOW).orElseThrow());
    Files.writeString(
        dir.resolve("alert-drift.html"),
        new AlertPage(data, s).render(FixtureUiData.DRIFT_ALERT, FixtureUiData.NOW).orElseThrow());
    Files.writeString(
        dir.resolve("alert-error.html"),
        new AlertPage(data, s).render(FixtureUiData.ERROR_ALERT, FixtureUiData.NOW).orElseThrow());
    Files.writeString(
        dir.resolve("alert-silence.html"),
        new AlertPage(data, s)
            .render(FixtureUiData.SILENCE_ALERT, FixtureUiData.NOW)
            .orElseThrow());
    Files.writeString(
        dir.resolve("alerts.html"), new AlertsPage(data, s).render(null, FixtureUiData.NOW));
    Files.writeString(
        dir.resolve("reports.html"), new ReportsPage(data, s).render(null, FixtureUiData.NOW));
    Files.writeString(
        dir.resolve("hostile.html"),
        new ModelPage(data, s).render(FixtureUiData.HOSTILE, FixtureUiData.NOW).orElseThrow());
  }
}
