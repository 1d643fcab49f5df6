package dev.modelmonitor.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  @TempDir Path dir;

  @Test
  void streamsRowsWithTheirLineNumbers() throws IOException {
    CsvSource source = new CsvSource(write("a,b\n1,x\n2,y\n"), RowFilter.all());
    List<String> seen = new ArrayList<>();

    source.forEach(row -> seen.add(row.line() + ":" + row.get("a") + row.get("b")));

    assertThat(source.header()).containsExactly("a", "b");
    assertThat(seen).containsExactly("2:1x", "3:2y");
  }

  @Test
  void filtersByColumnValueAndRowRange() throws IOException {
    Path file = write("yr,v\n0,1\n1,2\n0,3\n1,4\n0,5\n");
    List<String> yr0 = new ArrayList<>();
    List<String> rows2to4 = new ArrayList<>();

    new CsvSource(file, RowFilter.of(List.of("yr=0"), null)).forEach(r -> yr0.add(r.get("v")));
    new CsvSource(file, RowFilter.of(List.of(), "2:4")).forEach(r -> rows2to4.add(r.get("v")));

    assertThat(yr0).containsExactly("1", "3", "5");
    assertThat(rows2to4).containsExactly("2", "3", "4");
  }

  @Test
  void namesTheLineOfARaggedRow() throws IOException {
    CsvSource source = new CsvSource(write("a,b\n1,2\n3\n"), RowFilter.all());

    assertThatThrownBy(() -> source.forEach(r -> {}))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageEndingWith(":3: row has 1 values but the header has 2 columns")
        .extracting(e -> ((CsvFormatException) e).line())
        .isEqualTo(3L);
  }

  @Test
  void refusesAnEmptyFileAHeaderWithoutRowsAndABlankColumnName() throws IOException {
    assertThatThrownBy(() -> new CsvSource(write(""), RowFilter.all()))
        .hasMessageContaining("the file is empty");
    assertThatThrownBy(() -> new CsvSource(dir, RowFilter.all()))
        .hasMessage(dir + ": a directory, not a CSV file");
    assertThatThrownBy(() -> new CsvSource(dir.resolve("absent.csv"), RowFilter.all()))
        .hasMessage(dir.resolve("absent.csv") + ": no such file");
    CsvSource headerOnly = new CsvSource(write("a,b\n"), RowFilter.all());
    assertThatThrownBy(() -> headerOnly.forEach(r -> {})).hasMessageContaining("has a header but no rows");
    assertThatThrownBy(() -> new CsvSource(write("a,,c\n1,2,3\n"), RowFilter.all()))
        .hasMessageContaining(":1: column 2 of the header has no name");
  }

  @Test
  void readsAFileThatStartsWithAByteOrderMarkAsTheSameColumns() throws IOException {
    CsvSource source = new CsvSource(write("\uFEFFa,b\n1,2\n"), RowFilter.all());
    List<String> seen = new ArrayList<>();

    source.requireColumns("--label-column", List.of("a"));
    source.forEach(row -> seen.add(row.get("a")));

    assertThat(source.header()).containsExactly("a", "b");
    assertThat(seen).containsExactly("1");
  }

  @Test
  void saysWhenAFileLooksSeparatedByOtherThanCommas() throws IOException {
    CsvSource source = new CsvSource(write("a;b;c\n1;2;3\n"), RowFilter.all());

    assertThatThrownBy(() -> source.requireColumns("--label-column", List.of("c")))
        .hasMessageEndingWith("--label-column names column 'c', which the header does not have; "
            + "columns: a;b;c (one column: the file looks separated by ';'; model-monitor reads "
            + "comma-separated files, convert it first)");
  }

  @Test
  void namesAnOptionThatMentionsAnUnknownColumn() throws IOException {
    Path file = write("a,b\n1,2\n");

    assertThatThrownBy(() -> new CsvSource(file, RowFilter.of(List.of("c=1"), null)))
        .hasMessageContaining("--where names column 'c', which the header does not have; columns: a, b");
    assertThatThrownBy(() -> RowFilter.of(List.of("c"), null)).hasMessageContaining("must read column=value");
    assertThatThrownBy(() -> RowFilter.of(List.of(), "5")).hasMessageContaining("must read FROM:TO");
  }

  @Test
  void infersTypesAndHonoursOverrides() throws IOException {
    CsvSource source = new CsvSource(write("n,c,b,s,m\n1,x,true,3,\n2.5,y,false,4,\n"), RowFilter.all());
    ColumnTypes types =
        new ColumnTypes(source.header(), ColumnTypes.parseOverrides(List.of("s=categorical")), 0.0);

    source.forEach(types::observe);

    assertThat(types.types("f.csv"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "n", ColumnType.NUMERIC,
                "c", ColumnType.CATEGORICAL,
                "b", ColumnType.BOOLEAN,
                "s", ColumnType.CATEGORICAL,
                "m", ColumnType.CATEGORICAL));
  }

  @Test
  void refusesTextInANumericColumnBeyondTheToleranceNamingTheLine() throws IOException {
    StringBuilder csv = new StringBuilder("x\n");
    for (int i = 0; i < 98; i++) {
      csv.append(i).append('\n');
    }
    csv.append("oops\nagain\n"); // 2% text, lines 100 and 101
    CsvSource source = new CsvSource(write(csv.toString()), RowFilter.all());
    ColumnTypes strict = new ColumnTypes(List.of("x"), Map.of("x", ColumnType.NUMERIC), 0.01);
    ColumnTypes lenient = new ColumnTypes(List.of("x"), Map.of("x", ColumnType.NUMERIC), 0.05);
    source.forEach(strict::observe);
    source.forEach(lenient::observe);

    assertThatThrownBy(() -> strict.types("f.csv"))
        .hasMessageStartingWith("f.csv:100: column 'x' is declared numeric but holds 'oops'");
    assertThat(lenient.types("f.csv")).containsEntry("x", ColumnType.NUMERIC);
  }

  @Test
  void refusesAColumnOfMostlyNumbersWithTextBeyondTheToleranceWhenInferring() throws IOException {
    CsvSource source = new CsvSource(write("x,c\n1,a\n2,1\nn/a,2\n4,b\n"), RowFilter.all());
    ColumnTypes types = new ColumnTypes(source.header(), Map.of(), 0.01);
    source.forEach(types::observe);

    assertThatThrownBy(() -> types.types("f.csv"))
        .hasMessage("f.csv:4: column 'x' holds mostly numbers but also 'n/a' (1 of 4 values are not"
            + " numbers, more than the 1.0% tolerated); fix the values, raise --type-tolerance, or"
            + " declare it with --types x=categorical");
  }

  @Test
  void readsCellsByType() {
    assertThat(CellValues.parse("3", ColumnType.NUMERIC)).isEqualTo(3L);
    assertThat(CellValues.parse("0.25", ColumnType.NUMERIC)).isEqualTo(0.25);
    assertThat(CellValues.parse("", ColumnType.NUMERIC)).isNull();
    assertThat(CellValues.parse("oops", ColumnType.NUMERIC)).isEqualTo("oops");
    assertThat(CellValues.parse("TRUE", ColumnType.BOOLEAN)).isEqualTo(true);
    assertThat(CellValues.parse("3", ColumnType.CATEGORICAL)).isEqualTo("3");
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "t", ".csv");
    Files.writeString(file, content);
    return file;
  }
}
