package io.kspipeline.jobs.structured.input;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.kspipeline.core.hashtags.HashtagKeys;
import io.kspipeline.jobs.avro.ConfluentAvro;
import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.structured.windows.WindowedEvent;
import io.kspipeline.schemas.avro.Tweet;
import java.util.Map;
import org.apache.spark.sql.Column;
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

  /**
   * Every input record once, for a job that routes events and dead letters in one query: a row per
   * hashtag occurrence ({@code kind} event, {@code createdAt, hashtag}) or one per record that is
   * not a tweet ({@code kind} dead, {@code errorClass, error}), each with its record's {@code key,
   * value, topic, partition, offset, recordTimestamp}.
   */
  public Dataset<Row> records() {
    String record = ConfluentAvro.DECODED + ".record";
    Column error = col(ConfluentAvro.DECODED + ".error");
    // One pass over the input: a dead letter explodes into a single row without a hashtag.
    Column tags =
        when(error.isNull(), col(record + ".hashtags"))
            .otherwise(array(lit(null).cast(DataTypes.StringType)));
    return decoded
        .select(
            when(error.isNull(), lit(WindowedEvent.EVENT))
                .otherwise(lit(WindowedEvent.DEAD))
                .as("kind"),
            col(record + ".createdAt").as("createdAt"),
            explode(tags).as("tag"),
            col("key"),
            col("value"),
            col("topic"),
            col("partition"),
            col("offset"),
            DeadLetters.recordTimestamp(decoded).as("recordTimestamp"),
            substring_index(error, ":", 1).as("errorClass"),
            error.as("error"))
        .withColumn(
            "hashtag",
            when(col("kind").equalTo(WindowedEvent.EVENT), HASHTAG_KEY.apply(col("tag"))))
        .drop("tag")
        .where(col("kind").equalTo(WindowedEvent.DEAD).or(col("hashtag").notEqual("")));
  }
}
