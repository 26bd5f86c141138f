package io.kspipeline.schemas.serde;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Walks an Avro binary body along its writer schema before Avro decodes it, checking every length
 * and item count against the bytes that are left. Avro 1.11 allocates what a length or count says
 * before reading the items (a 20-byte frame claiming a billion-item array is an OutOfMemoryError
 * that kills the consumer), so a frame is refused here when a string, bytes or fixed value is
 * longer than the rest of the frame, or an array or map announces more items than bytes remain.
 * Allocates nothing; about as costly as Avro's own skipping.
 */
public final class AvroBodyCheck {
  /**
   * Items whose encoding takes no byte (null, an empty record) cannot be checked against the bytes
   * left; more than this many in one block are refused.
   */
  static final long MAX_EMPTY_ITEMS = 1 << 20;

  private static final int MAX_VARINT_BYTES = 10;

  private final byte[] buf;
  private final int end;
  private final int schemaId;
  private int pos;

  private AvroBodyCheck(byte[] buf, int offset, int schemaId) {
    this.buf = buf;
    this.pos = offset;
    this.end = buf.length;
    this.schemaId = schemaId;
  }

  /** Checks {@code buf[offset..]} as one datum of {@code writer}; typed errors when it is not. */
  static void check(Schema writer, byte[] buf, int offset, int schemaId) {
    new AvroBodyCheck(buf, offset, schemaId).walk(writer);
  }

  /**
   * Whether {@code buf[offset..]} passes {@link #check}, for decoders outside our deserializer
   * (such as spark-avro's) that allocate whatever the body claims.
   */
  public static boolean fits(Schema writer, byte[] buf, int offset) {
    try {
      check(writer, buf, offset, -1);
      return true;
    } catch (WireFormatException e) {
      return false;
    }
  }

  private void walk(Schema schema) {
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> skipBytes(1);
      case INT, LONG, ENUM -> readLong();
      case FLOAT -> skipBytes(Float.BYTES);
      case DOUBLE -> skipBytes(Double.BYTES);
      case STRING, BYTES -> skipBytes(length("string or bytes"));
      case FIXED -> skipBytes(schema.getFixedSize());
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          walk(field.schema());
        }
      }
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        long branch = readLong();
        if (branch < 0 || branch >= branches.size()) {
          throw malformed("union branch " + branch + " of " + branches.size());
        }
        walk(branches.get((int) branch));
      }
      case ARRAY -> walkBlocks(schema.getElementType(), null);
      case MAP -> walkBlocks(schema.getValueType(), Schema.create(Schema.Type.STRING));
      default -> throw malformed("unsupported schema type " + schema.getType());
    }
  }

  /** Array or map blocks: a count (negative: followed by the block's byte size), 0 to end. */
  private void walkBlocks(Schema items, Schema keys) {
    boolean empty = keys == null && encodesToNothing(items);
    for (long count = readLong(); count != 0; count = readLong()) {
      if (count < 0) {
        count = -count;
        readLong(); // the block's size in bytes, which Avro only uses to skip
      }
      if (count < 0 || (empty ? count > MAX_EMPTY_ITEMS : count > end - pos)) {
        throw truncated("a block of " + count + " items");
      }
      if (empty) {
        continue;
      }
      for (long i = 0; i < count; i++) {
        if (keys != null) {
          walk(keys);
        }
        walk(items);
      }
    }
  }

  private static boolean encodesToNothing(Schema schema) {
    return switch (schema.getType()) {
      case NULL -> true;
      case FIXED -> schema.getFixedSize() == 0;
      case RECORD -> schema.getFields().stream().allMatch(f -> encodesToNothing(f.schema()));
      default -> false;
    };
  }

  private int length(String what) {
    long length = readLong();
    if (length < 0) {
      throw malformed("negative length " + length + " of a " + what);
    }
    if (length > end - pos) {
      throw truncated("a " + what + " of " + length + " bytes");
    }
    return (int) length;
  }

  private void skipBytes(int count) {
    if (count > end - pos) {
      throw truncated(count + " more bytes");
    }
    pos += count;
  }

  /** Avro's zig-zag varint. */
  private long readLong() {
    long raw = 0;
    for (int shift = 0, i = 0; i < MAX_VARINT_BYTES; i++, shift += 7) {
      if (pos >= end) {
        throw truncated("a number");
      }
      int b = buf[pos++] & 0xff;
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw malformed("a number longer than " + MAX_VARINT_BYTES + " bytes");
  }

  private WireFormatException truncated(String what) {
    return new WireFormatException.TruncatedFrame(
        "Avro body ends early for schema id "
            + schemaId
            + ": "
            + what
            + " with "
            + (end - pos)
            + " bytes left",
        null);
  }

  private WireFormatException malformed(String what) {
    return new WireFormatException.MalformedPayload(
        "Avro body does not decode with schema id " + schemaId + ": " + what, null);
  }
}
