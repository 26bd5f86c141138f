package io.kspipeline.core.tweets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.kspipeline.core.json.JsonErrors;
import java.io.Serializable;
import java.util.List;

/**
 * Reads one line of tweet JSON — a Twitter API v1.1 status, a v2 response (one tweet or a page) or
 * a v2 tweet on its own, told apart line by line — into the tweets it holds, a skipped stream
 * control message, or the reason it cannot. Never throws for bad input. Stateless and thread-safe;
 * Serializable so Spark can ship it.
 */
public final class TweetJsonParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ObjectReader JSON =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public TweetParseOutcome parse(String line) {
    if (line == null || line.isBlank()) {
      return new TweetParseOutcome.Rejected("empty line");
    }
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return new TweetParseOutcome.Rejected(JsonErrors.describe(e));
    }
    if (!root.isObject()) {
      return new TweetParseOutcome.Rejected(JsonErrors.notAnObject(root));
    }
    try {
      return read(root);
    } catch (BadTweetException e) {
      return new TweetParseOutcome.Rejected(e.getMessage());
    }
  }

  /**
   * Tells the shapes apart: a v2 response has {@code data}; a v2 tweet on its own line (as {@code
   * twarc2 flatten} and most v2 archives write them) has a string {@code id}, where a v1.1 status
   * has {@code id_str} and a numeric {@code id}.
   */
  private static TweetParseOutcome read(JsonNode root) throws BadTweetException {
    if (root.has("data")) {
      return new TweetParseOutcome.Found(V2Tweets.read(root));
    }
    if (!root.has("id_str") && root.path("id").isTextual()) {
      return new TweetParseOutcome.Found(List.of(V2Tweets.readTweet(root)));
    }
    if (!root.has("id_str") && !root.has("created_at")) {
      String kind = StreamControl.kindOf(root);
      if (kind != null) {
        return new TweetParseOutcome.Skipped(kind);
      }
      if (!root.has("id") && !root.has("text")) {
        throw new BadTweetException("not a tweet: no data, id, id_str or control message key");
      }
    }
    return new TweetParseOutcome.Found(List.of(V1Statuses.read(root)));
  }
}
