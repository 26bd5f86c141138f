package io.kspipeline.core.tweets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Twitter API v1.1 statuses. A long tweet in the streaming API is truncated in {@code text} and
 * whole in {@code extended_tweet}, which then also holds the entities; the REST API's {@code
 * tweet_mode=extended} puts it in {@code full_text}.
 */
final class V1Statuses {
  private V1Statuses() {}

  static TweetRecord read(JsonNode status) throws BadTweetException {
    String id = TweetFields.text(status, "id_str");
    JsonNode numericId = status.path("id");
    if (id == null && numericId.isIntegralNumber() && numericId.canConvertToLong()) {
      // Integral only: 1e3 or 1.5 would have become an id "1000.0" or "1.5".
      id = Long.toString(numericId.longValue());
    }
    if (id == null || id.isEmpty()) {
      throw new BadTweetException("missing id_str");
    }
    JsonNode extended = status.get("extended_tweet");
    boolean isExtended = extended != null && extended.isObject();
    String text = isExtended ? TweetFields.text(extended, "full_text") : null;
    if (text == null) {
      text = TweetFields.text(status, "full_text");
    }
    if (text == null) {
      text = TweetFields.text(status, "text");
    }
    JsonNode entities = isExtended ? extended.get("entities") : null;
    if (entities == null) {
      entities = status.get("entities");
    }
    List<String> hashtags = TweetFields.hashtags(entities, "text", text);
    return new TweetRecord(
        id,
        TweetFields.v1Time(TweetFields.required(status, "created_at")),
        text,
        TweetFields.text(status, "lang"),
        TweetFields.text(status.path("user"), "screen_name"),
        hashtags,
        TweetRecord.Source.V1_1);
  }
}
