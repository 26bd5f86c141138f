package io.kspipeline.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that is not a valid Confluent-framed Avro payload. The subclasses say which part
 * is wrong, so callers can dead-letter the record with a precise reason.
 */
public abstract class WireFormatException extends SerializationException {
  protected WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The first byte is not the Confluent magic byte 0 (not framed, or another format). */
  public static final class UnknownMagicByte extends WireFormatException {
    public UnknownMagicByte(int magic) {
      super("unknown magic byte " + magic + " (Confluent framing starts with 0)", null);
    }
  }

  /** Fewer than the 5 header bytes, or an Avro body that ends early. */
  public static final class TruncatedFrame extends WireFormatException {
    public TruncatedFrame(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The schema id in the header is not in the registry. */
  public static final class UnknownSchemaId extends WireFormatException {
    private final int schemaId;

    public UnknownSchemaId(int schemaId, Throwable cause) {
      super("unknown schema id " + schemaId + ": " + cause.getMessage(), cause);
      this.schemaId = schemaId;
    }

    public int schemaId() {
      return schemaId;
    }
  }

  /** The Avro body does not decode with its writer schema (or has bytes left over). */
  public static final class MalformedPayload extends WireFormatException {
    public MalformedPayload(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
