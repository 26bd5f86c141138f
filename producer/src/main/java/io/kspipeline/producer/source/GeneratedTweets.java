package io.kspipeline.producer.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Seeded synthetic tweets as Twitter API v2 JSON lines: Zipf-distributed hashtags written in
 * several scripts and letter cases (so key normalisation matters), and trending bursts where one
 * tag suddenly dominates for a while. The same seed gives the same tweets.
 */
public final class GeneratedTweets extends GeneratedLines {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TAGS = {
    "Kafka", "kafka", "KAFKA", "Spark", "spark", "streaming", "DataEngineering", "BigData", "java",
    "日本語", "東京", "データ", "Москва", "данные", "العربية", "بيانات", "हिन्दी", "डेटा",
    "Ｋａｆｋａ", "café", "cafe\u0301", "100DaysOfCode", "AI", "ML", "opensource", "devops", "cloud",
    "WorldCup", "music", "news", "weather", "football", "election", "crypto", "gaming", "travel"
  };
  private static final String[] WORDS = {
    "loving",
    "the",
    "new",
    "release",
    "of",
    "streaming",
    "today",
    "this",
    "is",
    "great",
    "check",
    "out",
    "our",
    "talk",
    "about",
    "pipelines",
    "and",
    "windows",
    "late",
    "data",
    "again"
  };
  private static final String[] LANGS = {"en", "ja", "ru", "ar", "hi", "fr", "und"};

  private final SplittableRandom random;
  private final ZipfSampler tags = new ZipfSampler(TAGS.length, 1.05);
  private int trendingTag = -1;
  private long trendingUntil;

  public GeneratedTweets(long seed, long count, Instant start, double tweetsPerSecond) {
    super(count, start, tweetsPerSecond);
    this.random = new SplittableRandom(seed);
  }

  @Override
  String line(long n, Instant createdAt) {
    if (trendingTag < 0 && random.nextInt(5_000) == 0) {
      trendingTag = random.nextInt(TAGS.length);
      trendingUntil = n + 500 + random.nextInt(2_000);
    } else if (trendingTag >= 0 && n > trendingUntil) {
      trendingTag = -1;
    }
    StringBuilder text = new StringBuilder();
    int words = 3 + random.nextInt(8);
    for (int i = 0; i < words; i++) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    ArrayNode hashtags = JSON.createArrayNode();
    int tagCount = random.nextInt(4);
    for (int i = 0; i < tagCount; i++) {
      String tag =
          TAGS[trendingTag >= 0 && random.nextInt(2) == 0 ? trendingTag : tags.sample(random)];
      int start = text.length();
      text.append(random.nextInt(20) == 0 ? '＃' : '#').append(tag).append(' ');
      hashtags.addObject().put("start", start).put("end", start + 1 + tag.length()).put("tag", tag);
    }
    ObjectNode data = JSON.createObjectNode();
    data.put("id", Long.toString(1_600_000_000_000_000_000L + n * 7919 + random.nextInt(7919)));
    data.put("created_at", createdAt.toString());
    data.put("text", text.toString().trim());
    data.put("lang", LANGS[random.nextInt(LANGS.length)]);
    data.put("author_id", Long.toString(1000 + random.nextInt(50_000)));
    data.putObject("entities").set("hashtags", hashtags);
    ObjectNode line = JSON.createObjectNode();
    line.set("data", data);
    return line.toString();
  }
}
