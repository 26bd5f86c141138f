package io.kspipeline.core.tweets;

import com.fasterxml.jackson.databind.JsonNode;
import io.kspipeline.core.hashtags.HashtagExtractor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading typed fields out of tweet JSON, shared by the v1.1 and v2 readers. */
final class TweetFields {
  /** v1.1's {@code created_at}: {@code Wed Oct 10 20:19:24 +0000 2018}. */
  private static final DateTimeFormatter V1_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx uuuu", Locale.ENGLISH);

  private TweetFields() {}

  /** A string field, or null when absent, null or not text. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  static String required(JsonNode node, String field) throws BadTweetException {
    String value = text(node, field);
    if (value == null || value.isEmpty()) {
      throw new BadTweetException("missing " + field);
    }
    return value;
  }

  static Instant v1Time(String text) throws BadTweetException {
    try {
      return OffsetDateTime.parse(text, V1_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadTweetException("bad created_at: \"" + text + "\"");
    }
  }

  static Instant isoTime(String text) throws BadTweetException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadTweetException("bad created_at: \"" + text + "\"");
    }
  }

  /**
   * The hashtags of {@code entities.hashtags[].<key>}; when the tweet carries no entities object at
   * all, those {@link HashtagExtractor} finds in the text.
   */
  static List<String> hashtags(JsonNode entities, String key, String text) {
    if (entities == null || !entities.isObject()) {
      return text == null ? List.of() : HashtagExtractor.extract(text);
    }
    List<String> hashtags = new ArrayList<>();
    for (JsonNode hashtag : entities.path("hashtags")) {
      String tag = text(hashtag, key);
      if (tag != null && !tag.isEmpty()) {
        hashtags.add(tag);
      }
    }
    return hashtags;
  }
}
