package dev.modelmonitor.local.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A schema log held in a list: the unit tests' stand-in for the Kafka topic. */
final class ListSchemaLog implements SchemaLog {
  record Entry(String key, String value) {}

  final List<Entry> entries = new ArrayList<>();
  private int position;

  @Override
  public void append(String key, String value) {
    entries.add(new Entry(key, value));
  }

  @Override
  public void readToEnd(BiConsumer<String, String> reader) {
    while (position < entries.size()) {
      Entry entry = entries.get(position++);
      reader.accept(entry.key(), entry.value());
    }
  }

  /** A new reader of the same records, as a restarted registry would have. */
  ListSchemaLog reopen() {
    ListSchemaLog copy = new ListSchemaLog();
    copy.entries.addAll(entries);
    return copy;
  }

  @Override
  public void close() {}
}
