package dev.modelmonitor.reports;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;

/**
 * One model's window, and the store keys of its state: {@code [model length][model UTF-8][window
 * start]} followed by a part tag and name ({@link ReportStores#WINDOWS}) or a journal batch
 * ({@link ReportStores#JOURNAL}), so that a window's entries share a prefix.
 */
record WindowKey(String modelId, long start) {
  static final byte HEADER = 'H';
  static final byte PREDICTION = 'P';
  static final byte FEATURE = 'F';
  static final byte JOURNAL_BATCH = 'J';

  WindowKey {
    Objects.requireNonNull(modelId, "modelId");
  }

  private ByteBuffer prefix(int extra) {
    byte[] model = modelId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + model.length + 8 + extra)
        .putInt(model.length)
        .put(model)
        .putLong(start);
  }

  /** The prefix every entry of this window starts with, in both stores. */
  Bytes prefix() {
    return Bytes.wrap(prefix(0).array());
  }

  Bytes header() {
    return Bytes.wrap(prefix(1).put(HEADER).array());
  }

  Bytes prediction() {
    return Bytes.wrap(prefix(1).put(PREDICTION).array());
  }

  Bytes feature(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(prefix(1 + utf8.length).put(FEATURE).put(utf8).array());
  }

  /** The journal record of the batch of entries starting at {@code firstSeq}. */
  Bytes journalBatch(long firstSeq) {
    return Bytes.wrap(prefix(9).put(JOURNAL_BATCH).putLong(firstSeq).array());
  }

  /** The window of a key of either store, with the rest of the key after the prefix. */
  static Parsed parse(Bytes key) {
    ByteBuffer buffer = ByteBuffer.wrap(key.get());
    int length = buffer.getInt();
    byte[] model = new byte[length];
    buffer.get(model);
    WindowKey window = new WindowKey(new String(model, StandardCharsets.UTF_8), buffer.getLong());
    byte[] rest = new byte[buffer.remaining()];
    buffer.get(rest);
    return new Parsed(window, rest);
  }

  /** A parsed key: the window and what follows its prefix. */
  record Parsed(WindowKey window, byte[] rest) {
    boolean isHeader() {
      return rest.length == 1 && rest[0] == HEADER;
    }
  }
}
