package dev.modelmonitor.stats;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The binary state format of profiles: a version byte, a kind byte, then the kind's fields in
 * big-endian order. A new layout gets a new version; readers refuse versions they do not know.
 */
final class ProfileFormat {
  static final byte VERSION = 1;
  static final byte NUMERIC = 'N';
  static final byte CATEGORICAL = 'C';
  static final byte BOOLEAN = 'B';

  private ProfileFormat() {}

  static ByteBuffer header(int capacity, byte kind) {
    ByteBuffer buffer = ByteBuffer.allocate(2 + capacity);
    buffer.put(VERSION).put(kind);
    return buffer;
  }

  /** Checks the version and returns the kind byte. */
  static byte readHeader(ByteBuffer buffer) {
    if (buffer.remaining() < 2) {
      throw new IllegalArgumentException("profile bytes too short: " + buffer.remaining());
    }
    byte version = buffer.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("unsupported profile format version " + version
          + " (this build reads version " + VERSION + ")");
    }
    return buffer.get();
  }

  static IllegalArgumentException truncated(BufferUnderflowException e) {
    return new IllegalArgumentException("profile bytes truncated", e);
  }
}
