package dev.modelmonitor.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: one magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the value. Any Confluent-compatible serializer reads and writes it.
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** The schema id in a wire-format payload; throws the specific exception for bad bytes. */
  public static int schemaId(byte[] payload) {
    if (payload.length == 0) {
      throw new TruncatedPayloadException("empty payload: no magic byte and no schema id");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new MissingMagicByteException(
          String.format(
              "first byte is 0x%02x, not the magic byte 0x00: not Confluent wire format "
                  + "(was it produced without a schema-registry serializer?)",
              payload[0]));
    }
    if (payload.length < HEADER_SIZE) {
      throw new TruncatedPayloadException(
          "payload of " + payload.length + " bytes is shorter than the 5-byte header");
    }
    return ByteBuffer.wrap(payload, 1, 4).getInt();
  }

  static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }
}
