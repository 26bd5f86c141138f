package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.TweetRecords;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.TestDatabase;
import io.kspipeline.testsupport.stream.StateRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The windowed jobs use the cluster they are given: over a backlog of 50,000 records with hundreds
 * of keys and four shuffle partitions, each job runs one query (its input read once) and its state
 * lands in at least three of the four partitions, where one state group would fill one.
 */
class StateSpreadIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://state-spread-it";
  private static final int RECORDS = 50_000;
  private static final int KEYS = 300;
  private static final int PARTITIONS = 4;

  @TempDir Path checkpoints;
  private final SparkSession spark = SparkTestSession.get();
  private String shufflePartitions;

  @BeforeEach
  void fourShufflePartitions() {
    shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(PARTITIONS));
  }

  @AfterEach
  void restoreShufflePartitions() {
    spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
  }

  @Test
  void shouldSpreadTopUrlsStateOverThePartitionsInOneQuery() throws Exception {
    String topic = "spread-access-logs";
    KAFKA.harness().createTopic(topic, 2);
    ConfluentAvroSerializer<AccessLogEvent> serializer =
        new ConfluentAvroSerializer<>(SchemaRegistries.connect(REGISTRY), true);
    Random random = new Random(7);
    send(
        topic,
        i ->
            serializer.serialize(
                topic,
                AccessLogEvent.newBuilder()
                    .setClientIp("10.0.0." + random.nextInt(200))
                    // 100 events per second of event time: 500 s, ~50 windows of 30 s / 10 s.
                    .setTimestamp(TweetRecords.T0.plusMillis(i * 10L))
                    .setMethod("GET")
                    .setEndpoint("/page/" + random.nextInt(KEYS))
                    .setProtocol("HTTP/1.1")
                    .setStatus(200)
                    .build()));
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      String checkpoint = checkpoints.resolve("top-urls").toString();
      TopUrlsCommand command =
          JobArguments.builder()
              .inputTopic(topic)
              .deadLetterTopic(topic + "-dlq")
              .bootstrap(KAFKA.bootstrapServers())
              .registry(REGISTRY)
              .checkpoint(checkpoint)
              .trigger("available-now")
              .jdbcUrl(db.url())
              .outputTopic(topic + "-top")
              .build()
              .configure(new TopUrlsCommand());
      runAlone(command.start(spark));

      assertSpread(StateRows.perPartition(checkpoint + "/hits", 0));
      // Every event counted: the hits of each full window add up to its 3,000 events.
      assertThat(
              db.query(
                  "SELECT SUM(hits) AS total FROM url_hits"
                      + " WHERE window_start = TIMESTAMP '2024-01-01 00:02:00'"))
          .extracting(row -> ((Number) row.get("total")).longValue())
          .containsExactly(3_000L);
    }
  }

  @Test
  void shouldSpreadTrendingHashtagsStateOverThePartitionsInOneQuery() throws Exception {
    String topic = "spread-tweets";
    KAFKA.harness().createTopic(topic, 2);
    ConfluentAvroSerializer<Tweet> serializer =
        new ConfluentAvroSerializer<>(SchemaRegistries.connect(REGISTRY), true);
    Random random = new Random(11);
    send(
        topic,
        i -> {
          // Generated records have no setters: a copy through the builder gets the unique id.
          Tweet tweet =
              Tweet.newBuilder(
                      TweetRecords.tweet(
                          i / 100, "tag" + random.nextInt(KEYS), "tag" + random.nextInt(KEYS)))
                  .setId("t" + i)
                  .build();
          return serializer.serialize(topic, tweet);
        });
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      String checkpoint = checkpoints.resolve("trending").toString();
      TrendingHashtagsCommand command =
          TrendingHashtagsJobIT.command(
              KAFKA.bootstrapServers(), REGISTRY, checkpoint, db.url(), topic, topic + "-trending");
      runAlone(command.start(spark));

      assertSpread(StateRows.perPartition(checkpoint + "/trending", 0));
    }
  }

  private void runAlone(List<StreamingQuery> queries) throws Exception {
    assertThat(queries).as("one query per job input").hasSize(1);
    QueryRunner.awaitAll(spark, queries);
  }

  private static void assertSpread(Map<Integer, Long> rowsPerPartition) {
    System.out.println("state rows per partition: " + rowsPerPartition);
    assertThat(rowsPerPartition).hasSize(PARTITIONS);
    assertThat(rowsPerPartition.values().stream().filter(rows -> rows > 0).count())
        .as("state partitions holding rows: %s", rowsPerPartition)
        .isGreaterThanOrEqualTo(3);
  }

  private interface Value {
    byte[] of(int index) throws Exception;
  }

  private static void send(String topic, Value value) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, i % 2, null, value.of(i)));
      }
      producer.flush();
    }
  }
}
