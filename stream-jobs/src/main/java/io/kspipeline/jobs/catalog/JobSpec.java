package io.kspipeline.jobs.catalog;

import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A streaming job as its default options run it: the topic it reads (each command takes one {@code
 * --input-topic}), the result topic and tables it writes, where it sets records aside, and the
 * picocli command that runs it.
 *
 * @param lateTopic where records behind the watermark go; empty for a job without a watermark
 */
public record JobSpec(
    String name,
    Api api,
    String input,
    ResultTopic output,
    List<TableSpec> tables,
    Optional<String> lateTopic,
    String deadLetterTopic,
    Class<? extends Callable<Integer>> command) {

  /** Which Spark streaming API the job is written with. */
  public enum Api {
    STRUCTURED,
    DSTREAM
  }

  public JobSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    tables = List.copyOf(tables);
    Objects.requireNonNull(lateTopic, "lateTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(command, "command");
  }

  /** The input, its dead-letter topic and, with a watermark, its late topic. */
  public List<String> inputSideTopics() {
    List<String> topics = new ArrayList<>(List.of(input, deadLetterTopic));
    lateTopic.ifPresent(topics::add);
    return topics;
  }

  /**
   * The job in a mode that reads another topic (error-lines --server-errors reads access-logs):
   * dead letters and late records follow that input, as the commands derive them from it.
   */
  public JobSpec reading(String otherInput) {
    return new JobSpec(
        name,
        api,
        otherInput,
        output,
        tables,
        lateTopic.map(late -> Topics.lateTopicOf(otherInput)),
        Topics.deadLetterTopicOf(otherInput),
        command);
  }
}
