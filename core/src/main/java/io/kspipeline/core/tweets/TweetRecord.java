package io.kspipeline.core.tweets;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One tweet, whichever API version delivered it.
 *
 * @param createdAt when it was posted, as a UTC instant
 * @param text the full text (a long tweet's {@code extended_tweet.full_text} in v1.1)
 * @param lang the BCP 47 language Twitter detected, or null
 * @param userName the author's screen name; in v2 the username of the expanded author ({@code
 *     includes.users}, or {@code author} inlined by twarc2 flatten), else the {@code author_id}
 * @param hashtags as written, without {@code #}, in order of appearance
 */
public record TweetRecord(
    String id,
    Instant createdAt,
    String text,
    String lang,
    String userName,
    List<String> hashtags,
    TweetRecord.Source source)
    implements Serializable {

  /** The API version a tweet came from. */
  public enum Source {
    V1_1,
    V2
  }

  public TweetRecord {
    hashtags = List.copyOf(hashtags);
  }
}
