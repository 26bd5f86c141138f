package io.kspipeline.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tweet producer against a real broker: tweets, pages, control messages and bad lines. */
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
  void shouldGenerateSyntheticTweetsWithHashtags() {
    KAFKA.harness().createTopic("tweets-generated", 2);

    produce("--generate", "--count", "500", "--seed", "9", "--topic", "tweets-generated");

    List<Tweet> tweets = tweets("tweets-generated");
    assertThat(tweets)
        .hasSize(500)
        .allSatisfy(t -> assertThat(t.getSource()).isEqualTo(TweetSource.SYNTHETIC));
    assertThat(tweets.stream().mapToInt(t -> t.getHashtags().size()).sum()).isGreaterThan(400);
    assertThat(tweets).anySatisfy(t -> assertThat(t.getText()).contains("＃"));
  }
}
