package io.kspipeline.core.tweets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Twitter API v2 responses: {@code {"data": {...}}} from a lookup or filtered stream, {@code
 * {"data": [...]}} for a page, with authors in {@code includes.users} when expanded; and v2 tweet
 * objects on their own, where {@code twarc2 flatten} inlines the expanded author as {@code author}
 * (its other inlined expansions, such as the referenced tweets, are not read). A long post keeps
 * its whole text and entities in {@code note_tweet}.
 */
final class V2Tweets {
  private V2Tweets() {}

  static List<TweetRecord> read(JsonNode response) throws BadTweetException {
    Map<String, String> userNames = userNames(response.path("includes").path("users"));
    JsonNode data = response.get("data");
    if (data.isObject()) {
      return List.of(tweet(data, userNames));
    }
    if (!data.isArray()) {
      throw new BadTweetException("data is neither a tweet object nor an array of tweets");
    }
    List<TweetRecord> tweets = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      try {
        tweets.add(tweet(data.get(i), userNames));
      } catch (BadTweetException e) {
        throw new BadTweetException("data[" + i + "]: " + e.getMessage());
      }
    }
    return tweets;
  }

  /** A tweet object outside a response: it carries its own expansions, if any. */
  static TweetRecord readTweet(JsonNode tweet) throws BadTweetException {
    return tweet(tweet, Map.of());
  }

  private static TweetRecord tweet(JsonNode data, Map<String, String> userNames)
      throws BadTweetException {
    if (!data.isObject()) {
      throw new BadTweetException("not a tweet object");
    }
    String id = TweetFields.required(data, "id");
    JsonNode note = data.get("note_tweet");
    boolean isNote = note != null && note.isObject() && TweetFields.text(note, "text") != null;
    String text = isNote ? TweetFields.text(note, "text") : TweetFields.text(data, "text");
    JsonNode entities =
        isNote && note.has("entities") ? note.get("entities") : data.get("entities");
    return new TweetRecord(
        id,
        TweetFields.isoTime(TweetFields.required(data, "created_at")),
        text,
        TweetFields.text(data, "lang"),
        userName(data, userNames),
        TweetFields.hashtags(entities, "tag", text),
        TweetRecord.Source.V2);
  }

  /** The author's username: inlined, else from the includes, else the author_id. */
  private static String userName(JsonNode data, Map<String, String> userNames) {
    String inlined = TweetFields.text(data.path("author"), "username");
    if (inlined != null) {
      return inlined;
    }
    String authorId = TweetFields.text(data, "author_id");
    return authorId == null ? null : userNames.getOrDefault(authorId, authorId);
  }

  private static Map<String, String> userNames(JsonNode users) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode user : users) {
      String id = TweetFields.text(user, "id");
      String name = TweetFields.text(user, "username");
      if (id != null && name != null) {
        names.put(id, name);
      }
    }
    return names;
  }
}
