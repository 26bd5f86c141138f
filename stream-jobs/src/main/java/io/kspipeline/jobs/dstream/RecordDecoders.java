package io.kspipeline.jobs.dstream;

import io.kspipeline.core.hashtags.HashtagKeys;
import io.kspipeline.core.tweets.TweetJsonParser;
import io.kspipeline.core.tweets.TweetParseOutcome;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistryException;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.spark.api.java.function.Function;

/**
 * Reads input records (Kafka values, file lines) into what the DStream jobs count. A record that
 * cannot be read becomes a rejected {@link KeyedRecord} (for the dead letters), never an exception
 * that fails the batch. Deserializers, and the registry clients behind them, are shared per JVM:
 * DStream tasks deserialize their closures afresh every batch, so a per-closure client would
 * refetch schemas.
 */
public final class RecordDecoders {
  private static final Map<String, ConfluentAvroDeserializer<?>> DESERIALIZERS =
      new ConcurrentHashMap<>();

  private RecordDecoders() {}

  /** A Tweet's hashtag keys (NFKC, lower-case), one per occurrence. */
  public static Function<SourceRecord, KeyedRecord> hashtags(Map<String, String> registryConfig) {
    HashMap<String, String> config = new HashMap<>(registryConfig);
    return record -> {
      try {
        Tweet tweet = deserializer(config, Tweet.class).deserialize(record.topic(), record.value());
        return KeyedRecord.of(record, hashtagKeys(tweet.getHashtags()));
      } catch (RuntimeException e) {
        return rejected(record, e);
      }
    };
  }

  /**
   * The hashtag keys of a line of tweet JSON, as {@code parse tweet} reads it ({@link
   * TweetJsonParser}: a v1.1 status, a v2 tweet, a v2 page of tweets): one per occurrence in its
   * tweets. A stream control message has none; a line that holds no tweet is rejected with the
   * parser's reason.
   */
  public static Function<SourceRecord, KeyedRecord> tweetJsonHashtags() {
    TweetJsonParser parser = new TweetJsonParser();
    return record -> {
      TweetParseOutcome outcome = parser.parse(new String(record.value(), StandardCharsets.UTF_8));
      if (outcome instanceof TweetParseOutcome.Rejected rejected) {
        return KeyedRecord.rejected(
            record, TweetParseOutcome.Rejected.ERROR_CLASS, rejected.reason());
      }
      List<String> hashtags = new ArrayList<>();
      if (outcome instanceof TweetParseOutcome.Found found) {
        found.tweets().forEach(tweet -> hashtags.addAll(tweet.hashtags()));
      }
      return KeyedRecord.of(record, hashtagKeys(hashtags));
    };
  }

  /** The keys of hashtags as written, but none for a hashtag whose key is empty. */
  private static List<String> hashtagKeys(List<String> hashtags) {
    List<String> keys = new ArrayList<>();
    for (String hashtag : hashtags) {
      String key = HashtagKeys.key(hashtag);
      if (!key.isEmpty()) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** An access-log event's HTTP status. */
  public static Function<SourceRecord, KeyedRecord> statuses(Map<String, String> registryConfig) {
    HashMap<String, String> config = new HashMap<>(registryConfig);
    return record -> {
      try {
        AccessLogEvent event = accessLog(config, record);
        return KeyedRecord.of(record, List.of(String.valueOf(event.getStatus())));
      } catch (RuntimeException e) {
        return rejected(record, e);
      }
    };
  }

  /**
   * An access-log event with a server error (status 500 or more) as a combined-format log line;
   * others give nothing.
   */
  public static Function<SourceRecord, KeyedRecord> serverErrors(
      Map<String, String> registryConfig) {
    HashMap<String, String> config = new HashMap<>(registryConfig);
    return record -> {
      try {
        AccessLogEvent event = accessLog(config, record);
        return KeyedRecord.of(
            record, event.getStatus() >= 500 ? List.of(logLine(event)) : List.of());
      } catch (RuntimeException e) {
        return rejected(record, e);
      }
    };
  }

  /** A text line that contains {@code match} (as the seed's {@code filter(contains("error"))}). */
  public static Function<SourceRecord, KeyedRecord> matchingLines(
      String match, boolean ignoreCase) {
    String needle = ignoreCase ? match.toLowerCase(Locale.ROOT) : match;
    return record -> {
      if (record.value() == null) {
        return KeyedRecord.rejected(record, "NullValue", "null value (tombstone)");
      }
      String line = new String(record.value(), StandardCharsets.UTF_8);
      String haystack = ignoreCase ? line.toLowerCase(Locale.ROOT) : line;
      return KeyedRecord.of(record, haystack.contains(needle) ? List.of(line) : List.of());
    };
  }

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The event as the combined log format writes it, "-" for what it lacks. */
  static String logLine(AccessLogEvent e) {
    String request =
        e.getMethod() == null
            ? "-"
            : e.getMethod()
                + " "
                + e.getEndpoint()
                + (e.getProtocol() == null ? "" : " " + e.getProtocol());
    return String.format(
        "%s %s %s [%s] \"%s\" %d %s \"%s\" \"%s\"",
        e.getClientIp(),
        dash(e.getIdent()),
        dash(e.getUserId()),
        LOG_TIME.format(e.getTimestamp()),
        request,
        e.getStatus(),
        e.getContentSize() == null ? "-" : e.getContentSize(),
        dash(e.getReferrer()),
        dash(e.getUserAgent()));
  }

  private static String dash(String value) {
    return value == null ? "-" : value;
  }

  private static AccessLogEvent accessLog(Map<String, String> config, SourceRecord record) {
    return deserializer(config, AccessLogEvent.class).deserialize(record.topic(), record.value());
  }

  private static KeyedRecord rejected(SourceRecord record, RuntimeException e) {
    if (SchemaRegistryException.isOutage(e)) {
      throw e; // the registry's outage, not the record's fault: the batch fails
    }
    if (record.value() == null) {
      return KeyedRecord.rejected(record, "NullValue", "null value (tombstone)");
    }
    return KeyedRecord.rejected(
        record, e.getClass().getSimpleName(), e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> ConfluentAvroDeserializer<T> deserializer(
      Map<String, String> config, Class<T> type) {
    return (ConfluentAvroDeserializer<T>)
        DESERIALIZERS.computeIfAbsent(
            type.getName() + " " + new java.util.TreeMap<>(config),
            k -> ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(config), type));
  }
}
