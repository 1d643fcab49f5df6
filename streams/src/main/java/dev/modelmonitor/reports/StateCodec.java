package dev.modelmonitor.reports;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary layout of the reports topology's state: big-endian numbers, length-prefixed UTF-8
 * strings, and event values ({@code null}, boolean, long, double, string) behind a one-byte tag.
 */
final class StateCodec {
  private static final byte NULL = 0;
  private static final byte FALSE = 1;
  private static final byte TRUE = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte STRING = 5;

  private StateCodec() {}

  /** A growable output buffer. */
  static final class Writer {
    private byte[] bytes;
    private int size;

    Writer(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    Writer putByte(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
      return this;
    }

    Writer putInt(int v) {
      ensure(4);
      bytes[size++] = (byte) (v >>> 24);
      bytes[size++] = (byte) (v >>> 16);
      bytes[size++] = (byte) (v >>> 8);
      bytes[size++] = (byte) v;
      return this;
    }

    Writer putLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes[size++] = (byte) (v >>> shift);
      }
      return this;
    }

    /** A non-negative int in 1 to 5 bytes, 7 bits each, low first. */
    Writer putVarInt(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
      return this;
    }

    Writer putDouble(double v) {
      return putLong(Double.doubleToRawLongBits(v));
    }

    Writer putBytes(byte[] b) {
      putInt(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
      return this;
    }

    Writer putRaw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
      return this;
    }

    Writer putString(String s) {
      return putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string that may be null. */
    Writer putNullableString(String s) {
      if (s == null) {
        return putByte(0);
      }
      return putByte(1).putString(s);
    }

    /**
     * An event value. Avro hands features as Boolean, Long, Integer, Double, Float or String;
     * anything else is kept as its text (and counted as a type mismatch where text is wrong).
     */
    Writer putValue(Object v) {
      if (v == null) {
        return putByte(NULL);
      }
      if (v instanceof Boolean b) {
        return putByte(b ? TRUE : FALSE);
      }
      if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return putByte(LONG).putLong(((Number) v).longValue());
      }
      if (v instanceof Double || v instanceof Float) {
        return putValue(((Number) v).doubleValue());
      }
      return putByte(STRING).putString(v.toString());
    }

    /** A double as {@link #putValue(Object)} writes a {@code Double}, without boxing it. */
    Writer putValue(double v) {
      return putByte(DOUBLE).putDouble(v);
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /** Reads what {@link Writer} wrote; a truncated input fails with IllegalArgumentException. */
  static final class Reader {
    private final ByteBuffer buffer;

    Reader(byte[] bytes) {
      this.buffer = ByteBuffer.wrap(bytes);
    }

    int getByte() {
      try {
        return buffer.get();
      } catch (BufferUnderflowException e) {
        throw truncated(e);
      }
    }

    int getInt() {
      try {
        return buffer.getInt();
      } catch (BufferUnderflowException e) {
        throw truncated(e);
      }
    }

    long getLong() {
      try {
        return buffer.getLong();
      } catch (BufferUnderflowException e) {
        throw truncated(e);
      }
    }

    int getVarInt() {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = getByte();
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("malformed state: a variable-length int runs past 5 bytes");
    }

    double getDouble() {
      return Double.longBitsToDouble(getLong());
    }

    byte[] getBytes() {
      int length = getInt();
      if (length < 0 || length > buffer.remaining()) {
        throw new IllegalArgumentException("state bytes corrupt: length " + length);
      }
      byte[] b = new byte[length];
      buffer.get(b);
      return b;
    }

    String getString() {
      return new String(getBytes(), StandardCharsets.UTF_8);
    }

    String getNullableString() {
      return getByte() == 0 ? null : getString();
    }

    Object getValue() {
      int tag = getByte();
      return switch (tag) {
        case NULL -> null;
        case FALSE -> Boolean.FALSE;
        case TRUE -> Boolean.TRUE;
        case LONG -> getLong();
        case DOUBLE -> getDouble();
        case STRING -> getString();
        default -> throw new IllegalArgumentException("state bytes corrupt: value tag " + tag);
      };
    }

    boolean hasRemaining() {
      return buffer.hasRemaining();
    }

    private static IllegalArgumentException truncated(BufferUnderflowException e) {
      return new IllegalArgumentException("state bytes truncated", e);
    }
  }
}
