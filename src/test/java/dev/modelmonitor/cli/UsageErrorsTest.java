package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad option values and combinations exit 2 (usage error, as the help's footers say) with a line
 * naming the option, before Kafka is contacted (the broker address is closed).
 */
class UsageErrorsTest {
  private static final String[] NOWHERE = {"--bootstrap-servers", "localhost:1", "--timeout", "1s"};

  @TempDir Path dir;

  @Test
  void reportsCommandsRefuseBadOptionValues() {
    assertUsageError(run("reports", "show"),
        "error: reports show needs --model; reports list shows which models have reports");
    assertUsageError(run("reports", "show", "--model", "m", "--format", "pdf"),
        "error: --format must be text, json or html but was 'pdf'");
    assertUsageError(run("reports", "list", "--format", "xml"),
        "error: --format must be text or json but was 'xml'");
    assertUsageError(run("reports", "list", "--from", "yesterday"), "error: --from must be");
    assertUsageError(run("reports", "list", "--from", "1h", "--to", "2h"),
        "error: --to (");
    assertUsageError(run("reports", "export", "--format", "pdf"),
        "error: report format must be html, json or html,json but was 'pdf'");
    assertUsageError(CliRun.run("reports", "list", "--bootstrap-servers", "localhost:1",
        "--timeout", "soon"), "error: --timeout: ");
  }

  @Test
  void produceRefusesBadRateAndRowTimesAndNamesTheOptionOfAMissingColumn() throws IOException {
    Path csv = Files.writeString(dir.resolve("p.csv"), "a,b\n1,2\n");
    assertUsageError(run("produce", "--model", "m", "--csv", csv.toString(), "--rate", "-5"),
        "error: --rate must be 0 (as fast as possible) or more events per second but was -5.0");

    assertUsageError(run("produce", "--model", "m", "--csv", csv.toString(), "--first-row-time",
        "1949-01-01"), "error: --first-row-time and --row-interval go together");
    assertUsageError(run("produce", "--model", "m", "--csv", csv.toString(), "--first-row-time",
        "1949-01-01", "--row-interval", "0s"),
        "error: the row interval must be positive but was PT0S");

    CliRun missing = run("produce", "--model", "m", "--csv", csv.toString(),
        "--timestamp-column", "date");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: " + csv + ":1: --timestamp-column names column "
        + "'date', which the header does not have; columns: a, b" + System.lineSeparator());
  }

  private static CliRun run(String... args) {
    String[] all = new String[args.length + NOWHERE.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(NOWHERE, 0, all, args.length, NOWHERE.length);
    return CliRun.run(all);
  }

  private static void assertUsageError(CliRun run, String start) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(start);
  }
}
