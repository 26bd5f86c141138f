package io.kspipeline.jobs.structured.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.udf;

import io.kspipeline.core.hashtags.HashtagKeys;
import io.kspipeline.jobs.avro.ConfluentAvro;
import io.kspipeline.schemas.avro.Tweet;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Tweets for the Structured jobs: {@code Tweet} Avro from a topic, as one row per hashtag
 * occurrence under its key (NFKC, lower-case: {@link HashtagKeys}), with the Kafka-shaped
 * provenance {@code key, value, topic, partition, offset}; values that do not decode become dead
 * letters. A tweet without hashtags yields no row.
 */
public final class TweetInput {
  private static final UserDefinedFunction HASHTAG_KEY =
      udf((UDF1<String, String>) HashtagKeys::key, DataTypes.StringType);

  private final Dataset<Row> decoded;

  private TweetInput(Dataset<Row> decoded) {
    this.decoded = decoded;
  }

  public static TweetInput avro(
      Dataset<Row> kafkaRows, String topic, Map<String, String> registryConfig) {
    return new TweetInput(
        ConfluentAvro.decode(kafkaRows, topic, Tweet.getClassSchema(), registryConfig));
  }

  /** {@code createdAt, hashtag} per hashtag occurrence, plus the record's provenance. */
  public Dataset<Row> hashtags() {
    String record = ConfluentAvro.DECODED + ".record";
    return decoded
        .where(col(ConfluentAvro.DECODED + ".error").isNull())
        .select(
            col(record + ".createdAt").as("createdAt"),
            explode(col(record + ".hashtags")).as("tag"),
            col("key"),
            col("value"),
            col("topic"),
            col("partition"),
            col("offset"))
        .select(
            col("createdAt"),
            HASHTAG_KEY.apply(col("tag")).as("hashtag"),
            col("key"),
            col("value"),
            col("topic"),
            col("partition"),
            col("offset"))
        .where(col("hashtag").notEqual(""));
  }

  /** The records that are not tweets, as DeadLetters for the dead-letter topic. */
  public Dataset<Row> deadLetters(
      String stage, String deadLetterTopic, Map<String, String> registryConfig) {
    return ConfluentAvro.deadLetters(decoded, stage, deadLetterTopic, registryConfig);
  }
}
