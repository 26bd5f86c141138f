package io.kspipeline.core.tweets;

/** Why a JSON object is not a tweet; becomes a {@link TweetParseOutcome.Rejected}. */
final class BadTweetException extends Exception {
  private static final long serialVersionUID = 1L;

  BadTweetException(String reason) {
    super(reason, null, false, false); // an expected outcome: no stack trace to fill
  }
}
