package io.kspipeline.jobs.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kspipeline.schemas.serde.ConfluentWireFormat;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Decodes the frames written with the reader schema's own registry id by spark-avro's {@code
 * from_avro}, straight into Spark's internal rows, instead of a Java UDF building a GenericRecord
 * and then a Row per record. Every other row (another writer version, a bad header, a tombstone, a
 * body claiming more bytes than the frame holds, a body that spark-avro rejects) is left to the
 * generic decoder, which Spark then evaluates for those rows only.
 */
final class RegisteredSchemaPath {
  /** Holds the spark-avro result between the two projections, then dropped. */
  private static final String BODY = "_avro_body";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * PERMISSIVE: a body that does not decode must not fail the batch. EXCEPTION: timestamps that a
   * calendar rebase would change (before 1900) fail here and take the generic path, which has
   * always read them, so the two paths never disagree on a value.
   */
  private static final Map<String, String> OPTIONS =
      Map.of("mode", "PERMISSIVE", "datetimeRebaseMode", "EXCEPTION");

  private final byte[] header;
  private final Schema schema;
  private final StructType recordType;

  RegisteredSchemaPath(int schemaId, Schema readerSchema) {
    this.header = ConfluentWireFormat.header(schemaId);
    this.schema = readerSchema;
    this.recordType = AvroRows.sparkSchemaOf(readerSchema);
  }

  /** spark-avro's decoding of an Avro body written with the schema (all fields nullable). */
  static Column fromAvro(Column body, Schema schema) {
    return from_avro(body, withoutJavaStrings(schema), OPTIONS);
  }

  /**
   * Adds {@link ConfluentAvro#DECODED}: spark-avro's record for frames of this schema id, {@code
   * generic} for the other rows.
   */
  Dataset<Row> decode(Dataset<Row> kafkaRows, Column generic) {
    Column value = col("value");
    Column ours =
        substring(value, 1, ConfluentWireFormat.HEADER_LENGTH)
            .equalTo(lit(header))
            .and(udf(new FramedBodyFits(schema), DataTypes.BooleanType).apply(value));
    Column body = substring(value, ConfluentWireFormat.HEADER_LENGTH + 1, Integer.MAX_VALUE);
    // A column of its own, so that the checks and fields below read one decoding per row: the
    // optimizer does not inline a costly expression that is used more than once.
    Dataset<Row> withBody = kafkaRows.withColumn(BODY, when(ours, fromAvro(body, schema)));
    Column record = col(BODY);
    Column fast =
        struct(
            ColumnNullability.as(record, recordType, false).as("record"),
            lit(null).cast(DataTypes.StringType).as("error"));
    return withBody
        .withColumn(ConfluentAvro.DECODED, when(isDecoded(record), fast).otherwise(generic))
        .drop(BODY);
  }

  /**
   * Whether spark-avro decoded the body. In PERMISSIVE mode it gives a row of nulls for a body it
   * cannot decode, while a decoded record has every required field (so they can be typed non-null).
   * Without required fields, a record whose fields are all null is left to the generic decoder,
   * which decodes it or says what is wrong with it.
   */
  private Column isDecoded(Column record) {
    Column required = lit(true);
    Column any = lit(false);
    boolean hasRequired = false;
    for (StructField field : recordType.fields()) {
      Column present = record.getField(field.name()).isNotNull();
      required = field.nullable() ? required : required.and(present);
      hasRequired |= !field.nullable();
      any = any.or(present);
    }
    return record.isNotNull().and(hasRequired ? required : any);
  }

  /**
   * The schema without Avro's hint to read strings as Java Strings (generated classes carry it), so
   * that spark-avro copies each string's UTF-8 bytes into Spark's string instead of decoding them
   * to a Java String and encoding that again. Hints do not change the binary encoding.
   */
  private static String withoutJavaStrings(Schema schema) {
    try {
      return withoutHint(JSON.readTree(schema.toString())).toString();
    } catch (IOException e) {
      throw new IllegalStateException("Avro wrote JSON that does not parse: " + schema, e);
    }
  }

  private static JsonNode withoutHint(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(GenericData.STRING_PROP);
    }
    node.forEach(RegisteredSchemaPath::withoutHint);
    return node;
  }
}
