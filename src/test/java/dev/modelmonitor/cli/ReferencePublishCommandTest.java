package dev.modelmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code reference publish}: each fails before Kafka is contacted (the broker
 * address is closed), with the file and line and a non-zero exit.
 */
class ReferencePublishCommandTest {
  private static final String NOWHERE = "localhost:1";

  @TempDir Path dir;

  private CliRun publish(Path csv, String... more) {
    String[] base = {"reference", "publish", "--model", "m", "--csv", csv.toString(),
        "--bootstrap-servers", NOWHERE, "--timeout", "1s"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.run(args);
  }

  private void assertFails(CliRun run, String message) {
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).endsWith("error: " + message + System.lineSeparator());
    // On a line of its own, not glued to the live count of the rows read so far.
    assertThat(run.err().lines().filter(line -> line.startsWith("error: "))).hasSize(1);
  }

  @Test
  void anEmptyFileAndAHeaderWithoutRowsAreRefused() throws IOException {
    Path empty = write("empty.csv", "");
    assertFails(publish(empty),
        empty + ": the file is empty: a header line and rows are needed");
    Path header = write("header.csv", "a,b\n");
    assertFails(publish(header), header + ": the file has a header but no rows");
  }

  @Test
  void aRaggedRowIsRefusedWithItsLine() throws IOException {
    Path csv = write("ragged.csv", "a,b\n1,2\n3,4\n5\n");
    assertFails(publish(csv), csv + ":4: row has 1 values but the header has 2 columns");
  }

  @Test
  void aColumnNamedInAnOptionMustExist() throws IOException {
    Path csv = write("d.csv", "a,b\n1,2\n");
    assertFails(publish(csv, "--label-column", "y"),
        csv + ":1: --label-column names column 'y', which the header does not have; columns: a, b");
    assertFails(publish(csv, "--exclude", "a,zz"),
        csv + ":1: --exclude names column 'zz', which the header does not have; columns: a, b");
    assertFails(publish(csv, "--types", "q=categorical"),
        csv + ":1: --types names column 'q', which the header does not have; columns: a, b");
  }

  @Test
  void textInANumericColumnBeyondTheToleranceIsRefusedWithItsLine() throws IOException {
    Path csv = write("n.csv", "a,b\n1,x\n2,y\noops,z\n4,w\n");
    assertFails(publish(csv), csv + ":4: column 'a' holds mostly numbers but also 'oops' (1 of 4"
        + " values are not numbers, more than the 1.0% tolerated); fix the values, raise"
        + " --type-tolerance, or declare it with --types a=categorical");
    assertFails(publish(csv, "--types", "a=numeric"), csv + ":4: column 'a' is declared numeric"
        + " but holds 'oops' (1 of 4 values are not numbers, more than the 1.0% tolerated)");
  }

  @Test
  void aFilterThatKeepsNoRowIsRefused() throws IOException {
    Path csv = write("f.csv", "yr,a\n0,1\n0,2\n");
    assertFails(publish(csv, "--where", "yr=1"),
        csv + ": no row passes --where/--rows; nothing to profile");
  }

  @Test
  void anUnknownDriftThresholdIsAUsageErrorRefusedBeforeTheFileIsRead() throws IOException {
    Path csv = write("t.csv", "a,b\n1,2\n");
    CliRun run = publish(csv, "--drift-threshold", "a.psy=0.3");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: unknown drift threshold 'a.psy': use one of");
  }

  @Test
  void badOptionValuesAreUsageErrors() throws IOException {
    Path csv = write("u.csv", "a,b\n1,2\n");
    assertUsageError(publish(csv, "--types", "a=categoric"),
        "error: --types 'a=categoric': unknown column type 'categoric'; use numeric");
    assertUsageError(publish(csv, "--rows", "abc"), "error: --rows 'abc' must read FROM:TO");
  }

  private static void assertUsageError(CliRun run, String start) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(start);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
