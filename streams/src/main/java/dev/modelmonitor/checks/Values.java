package dev.modelmonitor.checks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Prediction and label values ({@code null|boolean|long|double|string}): the canonical text two
 * values are compared by (so the class 1 matches "1" and 1.0), and the binary form a prediction
 * waits in for its label.
 */
final class Values {
  private static final byte NULL = 0;
  private static final byte BOOLEAN = 1;
  private static final byte LONG = 2;
  private static final byte DOUBLE = 3;
  private static final byte STRING = 4;
  private static final int MAX_TEXT = 4096;

  private Values() {}

  /** Text that equal class labels share: integral doubles as integers, booleans lower case. */
  static String canonical(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    if (value instanceof Float f && f == Math.rint(f) && Math.abs(f) < 1e7) {
      return Long.toString(f.longValue());
    }
    return value.toString();
  }

  static boolean isNumber(Object value) {
    return value instanceof Number;
  }

  /** A floating-point value with a fractional part: a sign of regression. */
  static boolean isFractional(Object value) {
    return (value instanceof Double || value instanceof Float)
        && ((Number) value).doubleValue() != Math.rint(((Number) value).doubleValue());
  }

  static byte[] encode(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (value == null) {
        out.writeByte(NULL);
      } else if (value instanceof Boolean b) {
        out.writeByte(BOOLEAN);
        out.writeBoolean(b);
      } else if (value instanceof Long || value instanceof Integer) {
        out.writeByte(LONG);
        out.writeLong(((Number) value).longValue());
      } else if (value instanceof Number n) {
        out.writeByte(DOUBLE);
        out.writeDouble(n.doubleValue());
      } else {
        String text = value.toString();
        out.writeByte(STRING);
        // writeUTF takes at most 64 KB; a class label is far shorter, so longer text is cut.
        out.writeUTF(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Object decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return switch (in.readByte()) {
        case NULL -> null;
        case BOOLEAN -> in.readBoolean();
        case LONG -> in.readLong();
        case DOUBLE -> in.readDouble();
        case STRING -> in.readUTF();
        default -> throw new IOException("unknown value tag");
      };
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable prediction value", e);
    }
  }
}
