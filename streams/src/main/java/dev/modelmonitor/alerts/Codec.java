package dev.modelmonitor.alerts;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Small helpers of the binary state format (nullable strings and byte arrays). */
final class Codec {
  private Codec() {}

  static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static byte[] readBytes(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return bytes;
  }

  static void writeString(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String readString(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
