package io.kspipeline.producer.encode;

import io.kspipeline.core.tweets.TweetJsonParser;
import io.kspipeline.core.tweets.TweetParseOutcome;
import io.kspipeline.core.tweets.TweetRecord;
import io.kspipeline.producer.run.Encoded;
import io.kspipeline.producer.run.RecordEncoder;
import io.kspipeline.producer.source.InputLine;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON lines of Twitter API v1.1 or v2 (a status, a v2 response or page, a v2 tweet on its own)
 * into {@link Tweet}s keyed by tweet id. Stream control messages are skipped and counted; bad lines
 * are dead-lettered with the parser's reason.
 */
public final class TweetEncoder implements RecordEncoder {
  private final TweetJsonParser parser = new TweetJsonParser();
  private final Serializer<Tweet> serializer;
  private final String topic;
  private final boolean synthetic;

  /**
   * @param synthetic marks the tweets as generated (source SYNTHETIC)
   */
  public TweetEncoder(Serializer<Tweet> serializer, String topic, boolean synthetic) {
    this.serializer = serializer;
    this.topic = topic;
    this.synthetic = synthetic;
  }

  @Override
  public Encoded encode(InputLine line) {
    TweetParseOutcome outcome = parser.parse(line.text());
    if (outcome instanceof TweetParseOutcome.Skipped skipped) {
      return new Encoded.Skipped(skipped.kind());
    }
    if (outcome instanceof TweetParseOutcome.Rejected rejected) {
      return new Encoded.Rejected(TweetParseOutcome.Rejected.ERROR_CLASS, rejected.reason());
    }
    List<TweetRecord> tweets = ((TweetParseOutcome.Found) outcome).tweets();
    if (tweets.isEmpty()) {
      return new Encoded.Skipped("empty page");
    }
    List<Encoded.Record> records = new ArrayList<>(tweets.size());
    for (TweetRecord t : tweets) {
      byte[] key = t.id().getBytes(StandardCharsets.UTF_8);
      records.add(new Encoded.Record(key, serializer.serialize(topic, toTweet(t)), t.createdAt()));
    }
    return new Encoded.Records(records, tweets.get(0).createdAt());
  }

  private Tweet toTweet(TweetRecord t) {
    TweetSource source =
        synthetic
            ? TweetSource.SYNTHETIC
            : t.source() == TweetRecord.Source.V2 ? TweetSource.V2 : TweetSource.V1_1;
    return Tweet.newBuilder()
        .setId(t.id())
        .setCreatedAt(t.createdAt())
        .setText(t.text())
        .setLang(t.lang())
        .setUserName(t.userName())
        .setHashtags(t.hashtags())
        .setSource(source)
        .build();
  }
}
