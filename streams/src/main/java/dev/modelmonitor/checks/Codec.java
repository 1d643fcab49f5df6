package dev.modelmonitor.checks;

import dev.modelmonitor.stats.Profile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Shared pieces of the checks' binary state formats: optional profiles and format checks. */
final class Codec {
  private Codec() {}

  /** A profile, or the marker of none. */
  static void writeProfile(DataOutputStream out, Profile profile) throws IOException {
    if (profile == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = profile.toBytes();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static Profile readProfile(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return Profile.fromBytes(bytes);
  }

  static void expectFormat(byte actual, byte expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException(what + " in format " + actual + ", this version reads " + expected);
    }
  }
}
