package io.kspipeline.jobs.avro;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import io.kspipeline.schemas.avro.WebAction;
import io.kspipeline.schemas.registry.RegistryClientConfig;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import io.kspipeline.schemas.serde.ConfluentWireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConfluentAvro#decode} on a batch of frames, without a broker: frames of the registered
 * reader schema go through spark-avro and come out as the generic decoder gives them; everything
 * else goes through the generic decoder.
 */
class RegisteredSchemaPathTest {
  private static final String TOPIC = "access-logs";
  private static final Instant T = Instant.parse("2016-12-26T14:16:29Z");
  private static final StructType KAFKA_ROWS =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType);

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void shouldDecodeAccessLogFramesAsTheGenericDecoderDoes() {
    Map<String, String> registry = freshRegistry("fast-path-access-logs");
    List<byte[]> frames =
        frames(
            registry,
            TOPIC,
            event(200, "/a", 10L),
            event(404, null, null),
            AccessLogEvent.newBuilder(event(500, "/b?q=caf%C3%A9", 0L))
                .setVirtualHost("www.example.com:443")
                .setUserAgent("Mozilla/5.0 \"quoted\"")
                .build());

    assertSameRowsOnBothPaths(frames, AccessLogEvent.getClassSchema(), registry);
  }

  @Test
  void shouldDecodeTweetArraysAndEnumsAsTheGenericDecoderDoes() {
    Map<String, String> registry = freshRegistry("fast-path-tweets");
    List<byte[]> frames =
        frames(
            registry,
            TOPIC,
            tweet("1", List.of("Kafka", "Spark", "日本語"), TweetSource.V1_1),
            tweet("2", List.of(), TweetSource.SYNTHETIC));

    assertSameRowsOnBothPaths(frames, Tweet.getClassSchema(), registry);
  }

  @Test
  void shouldDecodeAnOlderWriterVersionThroughTheRegistry() {
    Map<String, String> registry = freshRegistry("fast-path-evolution");
    Schema current = AccessLogEvent.getClassSchema();
    Schema older = withoutField(current, "userAgent");
    GenericRecord old = new GenericData.Record(older);
    old.put("clientIp", "10.0.0.9");
    old.put("timestamp", T);
    old.put("status", 301);
    List<byte[]> frames =
        frames(registry, TOPIC, old, event(200, "/new", 1L)); // registers older, then current

    List<Row> decoded = decodedAvro(decode(frames, TOPIC, current, registry));

    assertThat(decoded).extracting(r -> r.get(1)).containsOnlyNulls();
    Row resolved = decoded.get(0).getStruct(0);
    assertThat((String) resolved.getAs("clientIp")).isEqualTo("10.0.0.9");
    assertThat((int) resolved.getAs("status")).isEqualTo(301);
    assertThat((Object) resolved.getAs("userAgent")).isNull();
    assertThat((int) decoded.get(1).getStruct(0).getAs("status")).isEqualTo(200);
  }

  @Test
  void shouldGiveTheGenericDecodersErrorsForBadFramesAndTombstones() {
    Map<String, String> registry = freshRegistry("fast-path-errors");
    byte[] good = frames(registry, TOPIC, event(200, "/a", 10L)).get(0);
    byte[] truncatedBody = Arrays.copyOf(good, good.length - 4);
    byte[] badUnionBranch = good.clone();
    badUnionBranch[5] = 6; // virtualHost's union branch 3 of 2
    byte[] wrongMagic = good.clone();
    wrongMagic[0] = 7;
    byte[] shorterThanHeader = Arrays.copyOf(good, 3);

    List<Row> decoded =
        decodedAvro(
            decode(
                Arrays.asList(truncatedBody, badUnionBranch, wrongMagic, shorterThanHeader, null),
                TOPIC,
                AccessLogEvent.getClassSchema(),
                registry));

    assertThat(decoded).extracting(r -> r.get(0)).containsOnlyNulls();
    assertThat(decoded)
        .extracting(r -> r.getString(1).split(":")[0])
        .containsExactly(
            "TruncatedFrame",
            "MalformedPayload",
            "UnknownMagicByte",
            "TruncatedFrame",
            "null value (tombstone)");
  }

  /** spark-avro would allocate two billion items: an OutOfMemoryError, the executor lost. */
  @Test
  void shouldLeaveABodyClaimingMoreThanItsFrameToTheGenericDecoder() throws IOException {
    Map<String, String> registry = freshRegistry("fast-path-poison");
    byte[] good = frames(registry, TOPIC, tweet("1", List.of("a"), TweetSource.V2)).get(0);
    ByteArrayOutputStream poisoned = new ByteArrayOutputStream();
    poisoned.write(good, 0, ConfluentWireFormat.HEADER_LENGTH);
    BinaryEncoder body = EncoderFactory.get().binaryEncoder(poisoned, null);
    body.writeString("1"); // id
    body.writeLong(0); // createdAt
    body.writeString("t"); // text
    body.writeIndex(0); // lang: null
    body.writeIndex(0); // userName: null
    body.writeArrayStart();
    body.setItemCount(2_000_000_000L); // hashtags, in 19 bytes
    body.writeString("x");
    body.flush();

    List<Row> decoded =
        decodedAvro(
            decode(List.of(poisoned.toByteArray(), good), TOPIC, Tweet.getClassSchema(), registry));

    assertThat(decoded.get(0).getString(1))
        .startsWith("TruncatedFrame: ")
        .contains("a block of 2000000000 items");
    assertThat(decoded.get(1).getString(1)).isNull();
  }

  @Test
  void shouldTellAllNullRecordsFromBadBodiesWhenNoFieldIsRequired() {
    Map<String, String> registry = freshRegistry("fast-path-optional");
    Schema optional =
        SchemaBuilder.record("Optional").fields().optionalString("a").optionalLong("b").endRecord();
    GenericRecord empty = new GenericData.Record(optional);
    GenericRecord filled = new GenericData.Record(optional);
    filled.put("a", "x");
    filled.put("b", 7L);
    List<byte[]> frames = new ArrayList<>(frames(registry, TOPIC, empty, filled));
    frames.add(Arrays.copyOf(frames.get(1), frames.get(1).length - 1));

    List<Row> decoded = decodedAvro(decode(frames, TOPIC, optional, registry));

    assertThat(decoded.get(0)).isEqualTo(RowFactory.create(RowFactory.create(null, null), null));
    assertThat(decoded.get(1)).isEqualTo(RowFactory.create(RowFactory.create("x", 7L), null));
    assertThat(decoded.get(2).get(0)).isNull();
    assertThat(decoded.get(2).getString(1)).startsWith("TruncatedFrame: ");
  }

  @Test
  void shouldDecodeFramesOfTheRegisteredSchemaWithoutTheGenericDecoder() {
    String scope = "fast-path-only";
    Map<String, String> registry = freshRegistry(scope);
    Schema current = AccessLogEvent.getClassSchema();
    GenericRecord old = new GenericData.Record(withoutField(current, "userAgent"));
    old.put("clientIp", "10.0.0.9");
    old.put("timestamp", T);
    old.put("status", 301);
    List<byte[]> frames = frames(registry, TOPIC, old, event(200, "/a", 10L), event(404, "/b", 1L));
    Dataset<Row> decoded = decode(frames, TOPIC, current, registry);
    // From here on, the generic decoder finds no schema: only rows it decodes can fail.
    SchemaRegistries.dropMockScope(scope);

    List<Row> rows = decodedAvro(decoded);

    assertThat(rows.get(0).getString(1)).startsWith("UnknownSchemaId");
    assertThat(rows.subList(1, 3)).extracting(r -> r.get(1)).containsOnlyNulls();
    assertThat(rows.subList(1, 3))
        .extracting(r -> (int) r.getStruct(0).getAs("status"))
        .containsExactly(200, 404);
    String plan = decoded.queryExecution().optimizedPlan().toString();
    assertThat(plan.split("from_avro\\(", -1)).as(plan).hasSize(2); // decoded once per row
  }

  static Stream<Schema> valueSchemas() {
    return Stream.of(
        AccessLogEvent.getClassSchema(), Tweet.getClassSchema(), WebAction.getClassSchema());
  }

  @ParameterizedTest
  @MethodSource("valueSchemas")
  void shouldTypeRecordsAsTheGenericDecoderDoes(Schema schema) {
    Map<String, String> registry = freshRegistry("fast-path-types");
    SchemaRegistries.connect(registry).register(TOPIC + "-value", schema);
    StructType readerType = AvroRows.sparkSchemaOf(schema);
    Dataset<Row> none = spark.createDataFrame(List.of(), KAFKA_ROWS);

    StructType fromAvro =
        (StructType)
            none.select(RegisteredSchemaPath.fromAvro(col("value"), schema))
                .schema()
                .fields()[0]
                .dataType();
    Dataset<Row> fast = ConfluentAvro.decode(none, TOPIC, schema, registry);
    Dataset<Row> generic = ConfluentAvro.decode(none, "unregistered", schema, registry);

    // Same names and types (catalogString leaves nullability out: PERMISSIVE makes all nullable).
    assertThat(fromAvro.catalogString()).isEqualTo(readerType.catalogString());
    assertThat(fast.schema()).isEqualTo(generic.schema());
    assertThat(fast.schema().apply(ConfluentAvro.DECODED).dataType())
        .isEqualTo(
            new StructType()
                .add("record", readerType, true)
                .add("error", DataTypes.StringType, true));
  }

  @Test
  void shouldMapTimestampMillisToTimestampsAndEnumsToStrings() {
    assertThat(
            AvroRows.sparkSchemaOf(AccessLogEvent.getClassSchema()).apply("timestamp").dataType())
        .isEqualTo(DataTypes.TimestampType);
    StructType tweet = AvroRows.sparkSchemaOf(Tweet.getClassSchema());
    assertThat(tweet.apply("source").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(tweet.apply("hashtags").dataType())
        .isEqualTo(DataTypes.createArrayType(DataTypes.StringType, false));
  }

  private void assertSameRowsOnBothPaths(
      List<byte[]> frames, Schema schema, Map<String, String> registry) {
    Dataset<Row> fast = decode(frames, TOPIC, schema, registry);
    Dataset<Row> generic = decode(frames, "not-registered-" + TOPIC, schema, registry);

    assertThat(fast.queryExecution().optimizedPlan().toString()).contains("from_avro(");
    assertThat(generic.queryExecution().optimizedPlan().toString()).doesNotContain("from_avro(");
    List<Row> expected = decodedAvro(generic);
    assertThat(expected).extracting(r -> r.get(1)).containsOnlyNulls();
    assertThat(decodedAvro(fast)).isEqualTo(expected);
  }

  private static Map<String, String> freshRegistry(String scope) {
    SchemaRegistries.dropMockScope(scope);
    return Map.of(RegistryClientConfig.URL, "mock://" + scope);
  }

  /** Frames as our producers write them, registering each record's schema under the topic. */
  private static List<byte[]> frames(
      Map<String, String> registry, String topic, GenericContainer... records) {
    ConfluentAvroSerializer<GenericContainer> serializer =
        new ConfluentAvroSerializer<>(SchemaRegistries.connect(registry), true);
    return Stream.of(records).map(r -> serializer.serialize(topic, r)).toList();
  }

  /** The values as rows of a Kafka source (not a local relation, which Spark would pre-compute). */
  private Dataset<Row> decode(
      List<byte[]> values, String topic, Schema schema, Map<String, String> registry) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      rows.add(RowFactory.create(null, values.get(i), topic, 0, (long) i));
    }
    Dataset<Row> kafkaRows =
        spark.createDataFrame(
            JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2),
            KAFKA_ROWS);
    return ConfluentAvro.decode(kafkaRows, topic, schema, registry);
  }

  /** The {@code record, error} of each row, in offset order. */
  private static List<Row> decodedAvro(Dataset<Row> decoded) {
    return decoded.orderBy("offset").select(ConfluentAvro.DECODED).collectAsList().stream()
        .map(r -> r.getStruct(0))
        .toList();
  }

  private static Schema withoutField(Schema record, String name) {
    List<Schema.Field> fields =
        record.getFields().stream()
            .filter(f -> !f.name().equals(name))
            .map(f -> new Schema.Field(f, f.schema()))
            .toList();
    return Schema.createRecord(
        record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }

  private static AccessLogEvent event(int status, String endpoint, Long size) {
    return AccessLogEvent.newBuilder()
        .setClientIp("10.0.0.1")
        .setTimestamp(T.plusSeconds(status))
        .setMethod("GET")
        .setEndpoint(endpoint)
        .setProtocol("HTTP/1.1")
        .setStatus(status)
        .setContentSize(size)
        .build();
  }

  private static Tweet tweet(String id, List<String> hashtags, TweetSource source) {
    return Tweet.newBuilder()
        .setId(id)
        .setCreatedAt(T)
        .setText("text " + id)
        .setHashtags(hashtags)
        .setSource(source)
        .build();
  }
}
