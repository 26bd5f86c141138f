package io.kspipeline.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.producer.source.GeneratedTweets;
import io.kspipeline.producer.source.InputLine;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.KafkaExtension;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The tweet producer against a real broker: every shape of tweet line, control messages and bad
 * lines, from plain and gzipped files.
 */
class ProduceTweetsIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://produce-tweets-it";

  @TempDir Path dir;

  private String produce(String... args) {
    StringWriter output = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new ProduceCommand());
    cli.setOut(new PrintWriter(output));
    cli.setErr(new PrintWriter(output));
    List<String> all =
        new ArrayList<>(
            List.of(
                "tweets",
                "--bootstrap",
                KAFKA.bootstrapServers(),
                "--progress",
                "none",
                "--registry",
                REGISTRY));
    all.addAll(List.of(args));
    assertThat(cli.execute(all.toArray(String[]::new))).as(output.toString()).isZero();
    return output.toString();
  }

  private List<Tweet> tweets(String topic) {
    ConfluentAvroDeserializer<Tweet> reader =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), Tweet.class);
    return KAFKA.harness().readAll(topic).stream()
        .map(r -> reader.deserialize(topic, r.value()))
        .toList();
  }

  @Test
  void shouldPublishV1AndV2TweetsSkipControlMessagesAndDeadLetterBadLines() throws Exception {
    Path file = dir.resolve("tweets.jsonl");
    Files.write(
        file,
        List.of(
            "{\"id_str\":\"1\",\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"text\":\"hello #Kafka\","
                + "\"lang\":\"en\",\"user\":{\"screen_name\":\"amy\"},\"entities\":{\"hashtags\":[{\"text\":\"Kafka\"}]}}",
            "{\"data\":[{\"id\":\"2\",\"created_at\":\"2018-10-10T20:19:25.000Z\",\"text\":\"#Spark one\","
                + "\"entities\":{\"hashtags\":[{\"tag\":\"Spark\"}]}},"
                + "{\"id\":\"3\",\"created_at\":\"2018-10-10T20:19:26.000Z\",\"text\":\"two\"}]}",
            "{\"delete\":{\"status\":{\"id\":1,\"id_str\":\"1\"}}}",
            "{not json"));
    KAFKA.harness().createTopic("tweets-it", 1);

    String output =
        produce("--file", file.toString(), "--topic", "tweets-it", "--dlq-topic", "tweets-it-dlq");

    assertThat(output).contains("read=4 sent=3 dead_lettered=1 failed=0 skipped=1");
    List<Tweet> tweets = tweets("tweets-it");
    assertThat(tweets).extracting(Tweet::getId).containsExactly("1", "2", "3");
    assertThat(tweets.get(0).getHashtags()).containsExactly("Kafka");
    assertThat(tweets.get(0).getUserName()).isEqualTo("amy");
    assertThat(tweets.get(0).getSource()).isEqualTo(TweetSource.V1_1);
    assertThat(tweets.get(0).getCreatedAt()).isEqualTo(Instant.parse("2018-10-10T20:19:24Z"));
    assertThat(tweets.get(1).getSource()).isEqualTo(TweetSource.V2);
    DeadLetter letter =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class)
            .deserialize("tweets-it-dlq", KAFKA.harness().readAll("tweets-it-dlq").get(0).value());
    assertThat(letter.getSourceLocation()).endsWith("tweets.jsonl:4");
    assertThat(letter.getStage()).isEqualTo("produce tweets");
  }

  @Test
  void shouldGenerateSyntheticTweetsWithHashtags() throws Exception {
    KAFKA.harness().createTopic("tweets-generated", 2);

    produce("--generate", "--count", "500", "--seed", "9", "--topic", "tweets-generated");

    List<Tweet> tweets = tweets("tweets-generated");
    assertThat(tweets).allSatisfy(t -> assertThat(t.getSource()).isEqualTo(TweetSource.SYNTHETIC));
    // Each tweet's id and hashtags, as the generator's JSON for seed 9 has them (two partitions:
    // in any order).
    assertThat(tweets)
        .extracting(t -> t.getId() + " " + t.getHashtags())
        .containsExactlyInAnyOrderElementsOf(idsAndHashtags(9, 500));
    assertThat(tweets).anySatisfy(t -> assertThat(t.getText()).contains("＃"));
  }

  /** "id [tag, ...]" of each tweet the generator makes, read from its JSON lines. */
  private static List<String> idsAndHashtags(long seed, int count) throws Exception {
    ObjectMapper json = new ObjectMapper();
    GeneratedTweets generator = new GeneratedTweets(seed, count, Instant.EPOCH, 1);
    List<String> expected = new ArrayList<>();
    for (InputLine line = generator.next(); line != null; line = generator.next()) {
      JsonNode data = json.readTree(line.text()).path("data");
      List<String> tags = new ArrayList<>();
      data.path("entities").path("hashtags").forEach(tag -> tags.add(tag.path("tag").asText()));
      expected.add(data.path("id").asText() + " " + tags);
    }
    return expected;
  }

  /** One tweet in each shape the archives use, control messages of both APIs, a broken tweet. */
  private static final List<String> EVERY_SHAPE =
      List.of(
          // twarc2 flatten: a v2 tweet with its author inlined and the request in __twarc
          "{\"id\":\"11\",\"created_at\":\"2022-05-01T10:00:00.000Z\",\"text\":\"flat #One\","
              + "\"author_id\":\"7\",\"author\":{\"id\":\"7\",\"username\":\"ann\"},"
              + "\"entities\":{\"hashtags\":[{\"tag\":\"One\"}]},\"__twarc\":{\"version\":\"2.14.0\"}}",
          // a v2 tweet on its own
          "{\"id\":\"12\",\"created_at\":\"2022-05-01T10:00:01.000Z\",\"text\":\"alone #Two\","
              + "\"author_id\":\"8\",\"entities\":{\"hashtags\":[{\"tag\":\"Two\"}]}}",
          // a v2 page with its authors expanded
          "{\"data\":[{\"id\":\"13\",\"created_at\":\"2022-05-01T10:00:02.000Z\","
              + "\"text\":\"paged #Three\",\"author_id\":\"9\","
              + "\"entities\":{\"hashtags\":[{\"tag\":\"Three\"}]}}],"
              + "\"includes\":{\"users\":[{\"id\":\"9\",\"username\":\"cy\"}]}}",
          // a v1.1 status
          "{\"id_str\":\"14\",\"created_at\":\"Sun May 01 10:00:03 +0000 2022\","
              + "\"text\":\"old #Four\",\"user\":{\"screen_name\":\"dee\"},"
              + "\"entities\":{\"hashtags\":[{\"text\":\"Four\"}]}}",
          "{\"limit\":{\"track\":3,\"timestamp_ms\":\"1651399200000\"}}",
          "{\"errors\":[{\"title\":\"operational-disconnect\"}]}",
          "{\"id\":\"15\",\"text\":\"no time\"}");

  @Test
  void shouldPublishTheSameTweetsFromEveryShapeWhetherTheFileIsGzippedOrNot() throws Exception {
    Path plain = Files.write(dir.resolve("shapes.jsonl"), EVERY_SHAPE);
    Path gzipped = dir.resolve("shapes-gzipped.jsonl"); // gzip told by content, not by name
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      out.write(Files.readAllBytes(plain));
    }
    KAFKA.harness().createTopic("shapes-plain", 1);
    KAFKA.harness().createTopic("shapes-gzipped", 1);

    String fromPlain =
        produce("--file", plain.toString(), "--topic", "shapes-plain", "--dlq-topic", "shapes-dlq");
    String fromGzipped =
        produce(
            "--file", gzipped.toString(), "--topic", "shapes-gzipped", "--dlq-topic", "shapes-dlq");

    assertThat(fromPlain).contains("read=7 sent=4 dead_lettered=1 failed=0 skipped=2");
    assertThat(fromGzipped).contains("read=7 sent=4 dead_lettered=1 failed=0 skipped=2");
    List<Tweet> tweets = tweets("shapes-plain");
    assertThat(tweets("shapes-gzipped")).isEqualTo(tweets);
    assertThat(tweets).extracting(Tweet::getId).containsExactly("11", "12", "13", "14");
    assertThat(tweets).extracting(Tweet::getUserName).containsExactly("ann", "8", "cy", "dee");
    assertThat(tweets)
        .extracting(Tweet::getHashtags)
        .containsExactly(List.of("One"), List.of("Two"), List.of("Three"), List.of("Four"));
    assertThat(tweets)
        .extracting(Tweet::getCreatedAt)
        .containsExactly(
            Instant.parse("2022-05-01T10:00:00Z"),
            Instant.parse("2022-05-01T10:00:01Z"),
            Instant.parse("2022-05-01T10:00:02Z"),
            Instant.parse("2022-05-01T10:00:03Z"));
    assertThat(tweets)
        .extracting(Tweet::getSource)
        .containsExactly(TweetSource.V2, TweetSource.V2, TweetSource.V2, TweetSource.V1_1);
    ConfluentAvroDeserializer<DeadLetter> letters =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class);
    List<DeadLetter> dead =
        KAFKA.harness().readAll("shapes-dlq").stream()
            .map(r -> letters.deserialize("shapes-dlq", r.value()))
            .toList();
    assertThat(dead)
        .extracting(l -> dir.relativize(Path.of(l.getSourceLocation())).toString())
        .containsExactly("shapes.jsonl:7", "shapes-gzipped.jsonl:7");
    assertThat(dead)
        .extracting(DeadLetter::getErrorMessage)
        .containsExactly("missing created_at", "missing created_at");
  }
}
