package io.kspipeline.core.tweets;

import java.util.List;

/** What {@link TweetJsonParser#parse} made of one JSON line. */
public sealed interface TweetParseOutcome
    permits TweetParseOutcome.Found, TweetParseOutcome.Skipped, TweetParseOutcome.Rejected {

  /** The tweets in the line: one for a status, any number for a v2 page. */
  record Found(List<TweetRecord> tweets) implements TweetParseOutcome {
    public Found {
      tweets = List.copyOf(tweets);
    }
  }

  /**
   * A stream control message, not a tweet.
   *
   * @param kind its key: {@code delete}, {@code limit}, {@code scrub_geo}, {@code status_withheld},
   *     {@code user_withheld}, {@code disconnect} or {@code warning} (v1.1), {@code errors} (a v2
   *     response without data)
   */
  record Skipped(String kind) implements TweetParseOutcome {}

  /** A line that holds no readable tweet, and why, e.g. {@code missing created_at}. */
  record Rejected(String reason) implements TweetParseOutcome {
    /** The error class of such a line's dead letter, wherever it is read. */
    public static final String ERROR_CLASS = "TweetParseError";
  }
}
