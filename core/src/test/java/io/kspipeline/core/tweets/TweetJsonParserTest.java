package io.kspipeline.core.tweets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TweetJsonParserTest {
  private static final TweetJsonParser PARSER = new TweetJsonParser();

  private static List<TweetRecord> found(String json) {
    TweetParseOutcome outcome = PARSER.parse(json);
    assertThat(outcome).as(json).isInstanceOf(TweetParseOutcome.Found.class);
    return ((TweetParseOutcome.Found) outcome).tweets();
  }

  private static TweetRecord single(String json) {
    List<TweetRecord> tweets = found(json);
    assertThat(tweets).hasSize(1);
    return tweets.get(0);
  }

  private static String rejection(String json) {
    TweetParseOutcome outcome = PARSER.parse(json);
    assertThat(outcome).as(json).isInstanceOf(TweetParseOutcome.Rejected.class);
    return ((TweetParseOutcome.Rejected) outcome).reason();
  }

  @Test
  void shouldReadAShortV11Status() {
    TweetRecord tweet =
        single(
            """
            {"created_at":"Wed Oct 10 20:19:24 +0000 2018","id":1050118621198921728,\
            "id_str":"1050118621198921728","text":"To make room for more #Kafka and #Spark",\
            "lang":"en","user":{"id_str":"6253282","screen_name":"TwitterAPI"},\
            "entities":{"hashtags":[{"text":"Kafka","indices":[22,28]},\
            {"text":"Spark","indices":[33,39]}],"urls":[]}}""");

    assertThat(tweet)
        .isEqualTo(
            new TweetRecord(
                "1050118621198921728",
                Instant.parse("2018-10-10T20:19:24Z"),
                "To make room for more #Kafka and #Spark",
                "en",
                "TwitterAPI",
                List.of("Kafka", "Spark"),
                TweetRecord.Source.V1_1));
  }

  @Test
  void shouldPreferTheExtendedTweetOfATruncatedV11Status() {
    TweetRecord tweet =
        single(
            """
            {"created_at":"Thu Mar 01 09:00:00 -0500 2018","id_str":"9","truncated":true,\
            "text":"A long one … https://t.co/x","entities":{"hashtags":[]},\
            "extended_tweet":{"full_text":"A long one that ends with #streaming #キャンプ",\
            "entities":{"hashtags":[{"text":"streaming"},{"text":"キャンプ"}]}}}""");

    assertThat(tweet.text()).isEqualTo("A long one that ends with #streaming #キャンプ");
    assertThat(tweet.hashtags()).containsExactly("streaming", "キャンプ");
    assertThat(tweet.createdAt()).isEqualTo(Instant.parse("2018-03-01T14:00:00Z"));
    assertThat(tweet.userName()).isNull();
  }

  @Test
  void shouldReadFullTextOfAnExtendedModeV11Status() {
    TweetRecord tweet =
        single(
            """
            {"created_at":"Wed Oct 10 20:19:24 +0000 2018","id_str":"1",\
            "full_text":"Whole text #here","entities":{"hashtags":[{"text":"here"}]}}""");

    assertThat(tweet.text()).isEqualTo("Whole text #here");
    assertThat(tweet.hashtags()).containsExactly("here");
  }

  @Test
  void shouldTakeANumericIdWhenIdStrIsMissing() {
    assertThat(single("{\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"id\":42}").id())
        .isEqualTo("42");
  }

  /** Found by a fuzz seed: 1e3 became the id "1000.0", 1.5 the id "1.5". */
  @Test
  void shouldRefuseANumericIdThatIsNotAnInteger() {
    for (String id : new String[] {"1e3", "1.5"}) {
      String json = "{\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"id\":" + id + "}";
      assertThat(rejection(json)).isEqualTo("missing id_str");
    }
  }

  @Test
  void shouldExtractHashtagsFromTheTextWhenThereAreNoEntities() {
    TweetRecord tweet =
        single(
            "{\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"id_str\":\"1\","
                + "\"text\":\"no entities #but_tags &#39;x\"}");

    assertThat(tweet.hashtags()).containsExactly("but_tags");
  }

  @Test
  void shouldReadASingleV2Tweet() {
    TweetRecord tweet =
        single(
            """
            {"data":{"id":"1445880548472328192","text":"Hello #TwitterDev and #API",\
            "created_at":"2021-10-06T22:31:02.000Z","lang":"en","author_id":"2244994945",\
            "entities":{"hashtags":[{"start":6,"end":17,"tag":"TwitterDev"},\
            {"start":22,"end":26,"tag":"API"}]}},\
            "includes":{"users":[{"id":"2244994945","name":"Twitter Dev","username":"TwitterDev"}]}}""");

    assertThat(tweet)
        .isEqualTo(
            new TweetRecord(
                "1445880548472328192",
                Instant.parse("2021-10-06T22:31:02Z"),
                "Hello #TwitterDev and #API",
                "en",
                "TwitterDev",
                List.of("TwitterDev", "API"),
                TweetRecord.Source.V2));
  }

  @Test
  void shouldReadEveryTweetOfAV2Page() {
    List<TweetRecord> tweets =
        found(
            """
            {"data":[{"id":"1","text":"first #one","created_at":"2022-01-01T00:00:00Z",\
            "author_id":"10","entities":{"hashtags":[{"tag":"one"}]}},\
            {"id":"2","text":"second","created_at":"2022-01-01T01:00:00+01:00","author_id":"11"}],\
            "includes":{"users":[{"id":"10","username":"alice"}]},\
            "meta":{"result_count":2,"newest_id":"2","oldest_id":"1"}}""");

    assertThat(tweets).extracting(TweetRecord::id).containsExactly("1", "2");
    assertThat(tweets).extracting(TweetRecord::userName).containsExactly("alice", "11");
    assertThat(tweets.get(1).createdAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
    assertThat(tweets.get(1).hashtags()).isEmpty();
  }

  @Test
  void shouldReadAnEmptyV2PageAsNoTweets() {
    assertThat(found("{\"data\":[],\"meta\":{\"result_count\":0}}")).isEmpty();
  }

  @Test
  void shouldPreferTheNoteTweetOfALongV2Post() {
    TweetRecord tweet =
        single(
            """
            {"data":{"id":"5","created_at":"2023-01-01T00:00:00Z","text":"Short…",\
            "note_tweet":{"text":"Short… and much longer #LongForm",\
            "entities":{"hashtags":[{"tag":"LongForm"}]}}}}""");

    assertThat(tweet.text()).isEqualTo("Short… and much longer #LongForm");
    assertThat(tweet.hashtags()).containsExactly("LongForm");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "delete",
        "limit",
        "scrub_geo",
        "status_withheld",
        "user_withheld",
        "disconnect",
        "warning"
      })
  void shouldSkipEveryControlMessageWithItsKind(String kind) {
    assertThat(PARSER.parse("{\"" + kind + "\":{\"code\":1}}"))
        .isEqualTo(new TweetParseOutcome.Skipped(kind));
  }

  @Test
  void shouldSkipRealisticControlMessages() {
    assertThat(
            PARSER.parse(
                "{\"delete\":{\"status\":{\"id\":1,\"id_str\":\"1\",\"user_id\":3,"
                    + "\"user_id_str\":\"3\"},\"timestamp_ms\":\"1514764800000\"}}"))
        .isEqualTo(new TweetParseOutcome.Skipped("delete"));
    assertThat(PARSER.parse("{\"limit\":{\"track\":1234,\"timestamp_ms\":\"1514764800000\"}}"))
        .isEqualTo(new TweetParseOutcome.Skipped("limit"));
  }

  @Test
  void shouldRejectBrokenJsonWithItsColumn() {
    assertThat(rejection("{\"id_str\":\"1\",}"))
        .isEqualTo(
            "bad JSON near column 16: Unexpected character ('}' (code 125)): was expecting"
                + " double-quote to start field name");
    assertThat(rejection("{\"id_str\":\"1\""))
        .isEqualTo(
            "bad JSON near column 14: Unexpected end-of-input: expected close marker for"
                + " Object");
    assertThat(rejection("not json"))
        .startsWith("bad JSON near column 4: Unrecognized token 'not'");
    assertThat(rejection("{\"a\":1} {\"b\":2}"))
        .isEqualTo(
            "bad JSON near column 9: Trailing token (of type START_OBJECT) found after value");
  }

  @Test
  void shouldKeepTheReasonShortForAHugeBrokenLine() {
    String huge = "{\"text\":\"" + "x".repeat(1 << 20);

    assertThat(rejection(huge)).hasSizeLessThan(300).startsWith("bad JSON near column 1048586");
  }

  @Test
  void shouldRejectEmptyLinesAndJsonThatIsNotAnObject() {
    assertThat(rejection("")).isEqualTo("empty line");
    assertThat(rejection("  ")).isEqualTo("empty line");
    assertThat(rejection("[1,2]")).isEqualTo("expected a JSON object, found array");
    assertThat(rejection("42")).isEqualTo("expected a JSON object, found number");
  }

  @Test
  void shouldRejectTweetsWithoutIdOrCreatedAt() {
    assertThat(rejection("{\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"text\":\"x\"}"))
        .isEqualTo("missing id_str");
    assertThat(rejection("{\"id_str\":\"1\",\"text\":\"x\"}")).isEqualTo("missing created_at");
    assertThat(rejection("{\"data\":{\"text\":\"x\",\"created_at\":\"2021-10-06T22:31:02Z\"}}"))
        .isEqualTo("missing id");
    assertThat(
            rejection(
                "{\"data\":[{\"id\":\"1\",\"created_at\":\"2021-10-06T22:31:02Z\"},"
                    + "{\"id\":\"2\"}]}"))
        .isEqualTo("data[1]: missing created_at");
  }

  @Test
  void shouldRejectUnreadableCreatedAt() {
    assertThat(rejection("{\"id_str\":\"1\",\"created_at\":\"2018-10-10 20:19\"}"))
        .isEqualTo("bad created_at: \"2018-10-10 20:19\"");
    assertThat(
            rejection(
                "{\"data\":{\"id\":\"1\",\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\"}}"))
        .isEqualTo("bad created_at: \"Wed Oct 10 20:19:24 +0000 2018\"");
  }

  @Test
  void shouldRejectObjectsThatAreNeitherTweetsNorControlMessages() {
    assertThat(rejection("{\"foo\":1}"))
        .isEqualTo("not a tweet: no data, id, id_str or control message key");
    assertThat(rejection("{\"data\":\"x\"}"))
        .isEqualTo("data is neither a tweet object nor an array of tweets");
  }

  @Test
  void shouldSkipAV2ResponseThatHoldsOnlyErrors() {
    assertThat(
            PARSER.parse(
                "{\"errors\":[{\"title\":\"Not Found Error\",\"detail\":\"Could not find"
                    + " tweet with id: [1].\"}]}"))
        .isEqualTo(new TweetParseOutcome.Skipped("errors"));
  }

  @Test
  void shouldReadAV2TweetOnItsOwnLineWithItsAuthorIdAsUserName() {
    TweetRecord tweet =
        single(
            """
            {"id":"7","text":"alone #v2","created_at":"2022-05-01T10:00:00.000Z",\
            "author_id":"99","lang":"en","entities":{"hashtags":[{"tag":"v2"}]}}""");

    assertThat(tweet)
        .isEqualTo(
            new TweetRecord(
                "7",
                Instant.parse("2022-05-01T10:00:00Z"),
                "alone #v2",
                "en",
                "99",
                List.of("v2"),
                TweetRecord.Source.V2));
  }

  @Test
  void shouldTakeTheAuthorThatTwarc2FlattenInlinesButNotTheReferencedTweetsHashtags() {
    TweetRecord tweet =
        single(
            """
            {"id":"8","text":"reply","created_at":"2022-05-01T10:00:00.000Z","author_id":"99",\
            "author":{"id":"99","username":"bob"},"referenced_tweets":[{"type":"replied_to",\
            "id":"7","text":"alone #v2","entities":{"hashtags":[{"tag":"v2"}]}}],\
            "__twarc":{"url":"https://api.twitter.com/2/tweets/search/recent","version":"2.14.0"}}""");

    assertThat(tweet.userName()).isEqualTo("bob");
    assertThat(tweet.hashtags()).isEmpty();
  }

  @Test
  void shouldRejectAV2TweetWithoutCreatedAtOrWithAV1Time() {
    assertThat(rejection("{\"id\":\"7\",\"text\":\"x\"}")).isEqualTo("missing created_at");
    assertThat(rejection("{\"id\":\"7\",\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\"}"))
        .isEqualTo("bad created_at: \"Wed Oct 10 20:19:24 +0000 2018\"");
  }
}
