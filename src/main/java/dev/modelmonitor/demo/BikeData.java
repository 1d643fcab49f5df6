package dev.modelmonitor.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The demo's real data: UCI bike sharing, hourly, bundled in the jar. 2011 is the model's world
 * (its reference and its normal traffic); summer 2012 is the same city in another season and a
 * busier year, which is real drift in the weather and calendar features.
 */
final class BikeData {
  static final String RESOURCE = "/demo/hour.csv";
  /** Columns the model reads. */
  static final List<String> FEATURES =
      List.of("season", "mnth", "hr", "holiday", "weekday", "workingday", "weathersit", "temp",
          "atemp", "hum", "windspeed");
  static final String LABEL = "cnt";

  private final List<Map<String, String>> year2011 = new ArrayList<>();
  private final List<Map<String, String>> summer2012 = new ArrayList<>();
  private final List<String> header;

  private BikeData(List<String> header) {
    this.header = header;
  }

  static BikeData load() {
    try (InputStream in = BikeData.class.getResourceAsStream(RESOURCE);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      BikeData data = new BikeData(parser.getHeaderNames());
      for (CSVRecord r : parser) {
        Map<String, String> row = r.toMap();
        int month = Integer.parseInt(row.get("mnth"));
        if (row.get("yr").equals("0")) {
          data.year2011.add(row);
        } else if (month >= 6 && month <= 8) {
          data.summer2012.add(row);
        }
      }
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled demo data " + RESOURCE, e);
    }
  }

  List<Map<String, String>> year2011() {
    return year2011;
  }

  List<Map<String, String>> summer2012() {
    return summer2012;
  }

  /** Writes the 2011 rows with the model's prediction as an extra column: the reference dataset. */
  Path writeReference(Path file, DemandModel model) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder csv = new StringBuilder(String.join(",", header)).append(",prediction\n");
    for (Map<String, String> row : year2011) {
      for (String column : header) {
        csv.append(row.get(column)).append(',');
      }
      csv.append(model.predict(row)).append('\n');
    }
    Files.writeString(file, csv);
    return file;
  }
}
