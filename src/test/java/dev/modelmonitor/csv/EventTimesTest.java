package dev.modelmonitor.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventTimesTest {
  @TempDir Path dir;

  @Test
  void addsTheHourColumnToADate() throws IOException {
    assertThat(times("d,hr\n2011-01-01,0\n2012-12-31,23\n", new EventTimes("d", null, "hr")))
        .containsExactly(Instant.parse("2011-01-01T00:00:00Z"), Instant.parse("2012-12-31T23:00:00Z"));
  }

  @Test
  void readsEpochAndPatternFormats() throws IOException {
    assertThat(times("t\n1700000000000\n", new EventTimes("t", "epoch-millis", null)))
        .containsExactly(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(times("t\n2026-11-28 10:15\n", new EventTimes("t", "yyyy-MM-dd HH:mm", null)))
        .containsExactly(Instant.parse("2026-11-28T10:15:00Z"));
    assertThat(times("t\n2026-11-28T10:15:00+01:00\n", new EventTimes("t", null, null)))
        .containsExactly(Instant.parse("2026-11-28T09:15:00Z"));
  }

  @Test
  void spacesRowsWithoutATimeColumnEvenlyByTheirNumberInTheFile() throws IOException {
    EventTimes daily =
        EventTimes.everyRow(Instant.parse("1999-01-01T00:00:00Z"), Duration.ofDays(1));
    Path file = Files.createTempFile(dir, "t", ".csv");
    Files.writeString(file, "TEMP\n19.8\n26.8\n11.0\n");
    List<Instant> out = new ArrayList<>();
    new CsvSource(file, RowFilter.of(List.of(), "2:3")).forEach(row -> out.add(daily.read(row,
        file.toString())));

    assertThat(out).containsExactly(Instant.parse("1999-01-02T00:00:00Z"),
        Instant.parse("1999-01-03T00:00:00Z"));
    assertThatThrownBy(() -> EventTimes.everyRow(Instant.EPOCH, Duration.ZERO))
        .hasMessage("the row interval must be positive but was PT0S");
  }

  @Test
  void refusesTimesBefore1970WhichNoKafkaRecordCanCarry() {
    EventTimes from1949 = EventTimes.everyRow(Instant.parse("1949-01-01T00:00:00Z"),
        Duration.ofDays(1));
    assertThatThrownBy(() -> times("TEMP\n19.8\n", from1949))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageEndingWith(":2: event time 1949-01-01T00:00:00Z is before "
            + "1970-01-01T00:00:00Z, which a Kafka record's timestamp cannot be; shift the times "
            + "forward (rows timed by --first-row-time: start in 1970 or later)");
    assertThatThrownBy(() -> times("d\n1969-12-31\n", new EventTimes("d", null, null)))
        .hasMessageContaining("event time 1969-12-31T00:00:00Z is before 1970-01-01T00:00:00Z");
  }

  @Test
  void namesTheLineOfAnUnreadableTime() {
    assertThatThrownBy(() -> times("t\n2026-11-28\nyesterday\n", new EventTimes("t", null, null)))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageEndingWith(":3: cannot read 'yesterday' in column 't' as a time (format iso)");
  }

  @Test
  void blamesTheHourColumnForAnUnreadableHour() {
    assertThatThrownBy(() -> times("d,temp\n2011-01-01,0.24\n", new EventTimes("d", null, "temp")))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageEndingWith(":2: cannot read '0.24' in column 'temp' (--hour-column) as a whole "
            + "number of hours");
  }

  private List<Instant> times(String csv, EventTimes times) throws IOException {
    Path file = Files.createTempFile(dir, "t", ".csv");
    Files.writeString(file, csv);
    List<Instant> out = new ArrayList<>();
    CsvSource source = new CsvSource(file, RowFilter.all());
    source.forEach(row -> out.add(times.read(row, file.toString())));
    return out;
  }
}
