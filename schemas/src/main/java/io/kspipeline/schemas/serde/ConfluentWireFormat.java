package io.kspipeline.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the record.
 */
public final class ConfluentWireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_LENGTH = 5;

  private ConfluentWireFormat() {}

  /** The schema id of a framed payload; typed errors when the header is missing or wrong. */
  public static int schemaIdOf(byte[] framed) {
    if (framed.length < HEADER_LENGTH) {
      throw new WireFormatException.TruncatedFrame(
          "payload of " + framed.length + " bytes is shorter than the 5-byte header", null);
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new WireFormatException.UnknownMagicByte(framed[0] & 0xff);
    }
    return ((framed[1] & 0xff) << 24)
        | ((framed[2] & 0xff) << 16)
        | ((framed[3] & 0xff) << 8)
        | (framed[4] & 0xff);
  }

  /** The 5-byte header of frames of a schema id (to recognise them without parsing each). */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  static void writeHeader(java.io.ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }
}
