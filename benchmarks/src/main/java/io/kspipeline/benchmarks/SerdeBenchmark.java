package io.kspipeline.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.kspipeline.core.logs.AccessLogEvents;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per record: AccessLogEvent and Tweet through our Avro serde (Confluent framing, a
 * mock:// registry, schema ids cached after the first record) against Jackson JSON of records with
 * the same fields.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {
  static final int RECORDS = 256;
  // One topic (so one registry subject) per record type, as in the pipeline.
  private static final String ACCESS_LOGS = "access-logs";
  private static final String TWEETS = "tweets";

  /** The JSON peer of AccessLogEvent: the same fields, the timestamp in epoch millis. */
  public record AccessLogJson(
      String virtualHost,
      String clientIp,
      String ident,
      String userId,
      long timestamp,
      String method,
      String endpoint,
      String protocol,
      int status,
      Long contentSize,
      String referrer,
      String userAgent) {
    static AccessLogJson of(AccessLogEvent e) {
      return new AccessLogJson(
          e.getVirtualHost(),
          e.getClientIp(),
          e.getIdent(),
          e.getUserId(),
          e.getTimestamp().toEpochMilli(),
          e.getMethod(),
          e.getEndpoint(),
          e.getProtocol(),
          e.getStatus(),
          e.getContentSize(),
          e.getReferrer(),
          e.getUserAgent());
    }
  }

  /** The JSON peer of Tweet. */
  public record TweetJson(
      String id,
      long createdAt,
      String text,
      String lang,
      String userName,
      List<String> hashtags,
      String source) {
    static TweetJson of(Tweet t) {
      return new TweetJson(
          t.getId(),
          t.getCreatedAt().toEpochMilli(),
          t.getText(),
          t.getLang(),
          t.getUserName(),
          t.getHashtags(),
          t.getSource().name());
    }
  }

  private ConfluentAvroSerializer<AccessLogEvent> accessLogWriter;
  private ConfluentAvroDeserializer<AccessLogEvent> accessLogReader;
  private ConfluentAvroSerializer<Tweet> tweetWriter;
  private ConfluentAvroDeserializer<Tweet> tweetReader;
  private ObjectWriter accessLogJsonWriter;
  private ObjectReader accessLogJsonReader;
  private ObjectWriter tweetJsonWriter;
  private ObjectReader tweetJsonReader;

  private AccessLogEvent[] accessLogs;
  private AccessLogJson[] accessLogJson;
  private byte[][] accessLogAvroBytes;
  private byte[][] accessLogJsonBytes;
  private Tweet[] tweets;
  private TweetJson[] tweetJson;
  private byte[][] tweetAvroBytes;
  private byte[][] tweetJsonBytes;

  @Setup
  public void prepare() throws IOException {
    SchemaRegistry registry = SchemaRegistries.connect("mock://serde-benchmark");
    accessLogWriter = new ConfluentAvroSerializer<>(registry, true);
    accessLogReader = ConfluentAvroDeserializer.forClass(registry, AccessLogEvent.class);
    tweetWriter = new ConfluentAvroSerializer<>(registry, true);
    tweetReader = ConfluentAvroDeserializer.forClass(registry, Tweet.class);
    ObjectMapper json = new ObjectMapper();
    accessLogJsonWriter = json.writerFor(AccessLogJson.class);
    accessLogJsonReader = json.readerFor(AccessLogJson.class);
    tweetJsonWriter = json.writerFor(TweetJson.class);
    tweetJsonReader = json.readerFor(TweetJson.class);

    accessLogs = sampleAccessLogs();
    accessLogJson = new AccessLogJson[RECORDS];
    accessLogAvroBytes = new byte[RECORDS][];
    accessLogJsonBytes = new byte[RECORDS][];
    tweets = sampleTweets();
    tweetJson = new TweetJson[RECORDS];
    tweetAvroBytes = new byte[RECORDS][];
    tweetJsonBytes = new byte[RECORDS][];
    for (int i = 0; i < RECORDS; i++) {
      accessLogJson[i] = AccessLogJson.of(accessLogs[i]);
      accessLogAvroBytes[i] = accessLogWriter.serialize(ACCESS_LOGS, accessLogs[i]);
      accessLogJsonBytes[i] = accessLogJsonWriter.writeValueAsBytes(accessLogJson[i]);
      tweetJson[i] = TweetJson.of(tweets[i]);
      tweetAvroBytes[i] = tweetWriter.serialize(TWEETS, tweets[i]);
      tweetJsonBytes[i] = tweetJsonWriter.writeValueAsBytes(tweetJson[i]);
    }
  }

  private static AccessLogEvent[] sampleAccessLogs() {
    AccessLogParser parser = AccessLogParser.autoDetecting();
    List<AccessLogEvent> events = new ArrayList<>();
    for (String line : SampleLines.generate(RECORDS * 2, 20161226L)) {
      if (parser.parse(line) instanceof ParseOutcome.Parsed parsed && events.size() < RECORDS) {
        events.add(AccessLogEvents.toAvro(parsed.record()));
      }
    }
    return events.toArray(new AccessLogEvent[0]);
  }

  private static Tweet[] sampleTweets() {
    String[] tags = {"kafka", "spark", "Streaming", "日本", "data", "jvm"};
    String[] words = {"trying", "the", "new", "pipeline", "today", "with", "windows", "latency"};
    SplittableRandom random = new SplittableRandom(7);
    Tweet[] tweets = new Tweet[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      StringBuilder text = new StringBuilder();
      List<String> hashtags = new ArrayList<>();
      for (int w = 0; w < 12; w++) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      for (int h = random.nextInt(4); h > 0; h--) {
        String tag = tags[random.nextInt(tags.length)];
        hashtags.add(tag);
        text.append('#').append(tag).append(' ');
      }
      tweets[i] =
          Tweet.newBuilder()
              .setId(Long.toString(1_600_000_000_000_000_000L + i))
              .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L + i * 20L))
              .setText(text.toString().trim())
              .setLang(i % 3 == 0 ? null : "en")
              .setUserName("user" + random.nextInt(10_000))
              .setHashtags(hashtags)
              .setSource(TweetSource.SYNTHETIC)
              .build();
    }
    return tweets;
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void accessLogAvroEncode(Blackhole sink) {
    for (AccessLogEvent e : accessLogs) {
      sink.consume(accessLogWriter.serialize(ACCESS_LOGS, e));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void accessLogJsonEncode(Blackhole sink) throws IOException {
    for (AccessLogJson e : accessLogJson) {
      sink.consume(accessLogJsonWriter.writeValueAsBytes(e));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void accessLogAvroDecode(Blackhole sink) {
    for (byte[] bytes : accessLogAvroBytes) {
      sink.consume(accessLogReader.deserialize(ACCESS_LOGS, bytes));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void accessLogJsonDecode(Blackhole sink) throws IOException {
    for (byte[] bytes : accessLogJsonBytes) {
      sink.consume(accessLogJsonReader.readValue(bytes));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void tweetAvroEncode(Blackhole sink) {
    for (Tweet t : tweets) {
      sink.consume(tweetWriter.serialize(TWEETS, t));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void tweetJsonEncode(Blackhole sink) throws IOException {
    for (TweetJson t : tweetJson) {
      sink.consume(tweetJsonWriter.writeValueAsBytes(t));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void tweetAvroDecode(Blackhole sink) {
    for (byte[] bytes : tweetAvroBytes) {
      sink.consume(tweetReader.deserialize(TWEETS, bytes));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void tweetJsonDecode(Blackhole sink) throws IOException {
    for (byte[] bytes : tweetJsonBytes) {
      sink.consume(tweetJsonReader.readValue(bytes));
    }
  }
}
