package io.kspipeline.schemas;

/** Names of the pipeline's Kafka topics: the contract between producers, jobs and their users. */
public final class Topics {
  /** Parsed access-log events, {@code AccessLogEvent} in Avro with Confluent framing. */
  public static final String ACCESS_LOGS = "access-logs";

  /** Tweets, {@code Tweet} in Avro with Confluent framing. */
  public static final String TWEETS = "tweets";

  /** Tweets that could not be read. */
  public static final String TWEETS_DLQ = "tweets-dlq";

  /** Access-log lines as UTF-8 text, one record per line. */
  public static final String ACCESS_LOGS_RAW = "access-logs-raw";

  /** Lines that could not be processed, with where they came from and why. */
  public static final String ACCESS_LOGS_DLQ = "access-logs-dlq";

  /** Hits per endpoint: the top N of each updated window, keyed by window. */
  public static final String TOP_URLS = "top-urls";

  /** User actions on a web site as JSON (the seed's JSON example). */
  public static final String WEB_ACTIONS = "web-actions";

  /** Web actions that could not be read. */
  public static final String WEB_ACTIONS_DLQ = "web-actions-dlq";

  /** Actions per hour window, keyed by window and action. */
  public static final String ACTION_COUNTS = "action-counts";

  /** Running hit counts per HTTP status, keyed by status. */
  public static final String STATUS_COUNTS = "status-counts";

  /** Server errors and requests matching a pattern, {@code ErrorAlert}, keyed by client address. */
  public static final String ERROR_ALERTS = "error-alerts";

  /** The top N hashtags of each 300 s window sliding 1 s, keyed by window. */
  public static final String TRENDING_HASHTAGS = "trending-hashtags";

  /** Access-log lines that look like errors (DStream job error-lines). */
  public static final String ERROR_LINES = "error-lines";

  /** The top N hashtags of each slide (DStream job popular-hashtags), keyed by slide time. */
  public static final String POPULAR_HASHTAGS = "popular-hashtags";

  /** Running total per hashtag (or HTTP status), keyed by it (DStream job hashtag-counts). */
  public static final String HASHTAG_COUNTS = "hashtag-counts";

  private Topics() {}

  /** Where a windowed job sets aside records that arrive behind its watermark. */
  public static String lateTopicOf(String inputTopic) {
    return inputTopic + "-late";
  }

  /** The dead-letter topic of an input topic. */
  public static String deadLetterTopicOf(String inputTopic) {
    return inputTopic.endsWith("-raw")
        ? inputTopic.substring(0, inputTopic.length() - "-raw".length()) + "-dlq"
        : inputTopic + "-dlq";
  }
}
