package io.kspipeline.jobs.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The options of a job run that its checkpoint depends on, by option name, in the form a user types
 * them: what a later start on the same checkpoint must ask for again. Each job command says which
 * of its options these are ({@code checkpointOptions()}) and why the others are not.
 *
 * <p>What "depends on" means differs by API. A Structured query is rebuilt from the code and the
 * options at every start; its checkpoint keeps offsets per source and the state of its operators,
 * so what matters is what decides which sources there are and what the state means: the input,
 * windows, slide, watermark, top N, the time mode. A DStream checkpoint holds the whole graph,
 * serialized, with every value its functions captured (the socket address, the output topic, the
 * database URL, whether to print) and the Spark settings of its first run: a restored DStream job
 * runs with all of them, whatever this run was given. So a DStream job records every option its
 * graph or its Spark settings use.
 *
 * <p>{@value #SHAPE} names the version of the job's query or graph: a change of the code that makes
 * an old checkpoint meaningless (another state layout, other operators) bumps it.
 */
public final class CheckpointOptions {
  /** The entry naming the shape of the job's query (its stateful operators) or DStream graph. */
  public static final String SHAPE = "query shape";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String job;
  private final Api api;
  private final String inputTopic;
  private final Map<String, String> options;
  // Per option added in a later version: the value a checkpoint that predates it stands for.
  private final Map<String, String> assumed;

  private CheckpointOptions(String job, Api api, String inputTopic, Map<String, String> options) {
    this(job, api, inputTopic, options, Map.of());
  }

  private CheckpointOptions(
      String job,
      Api api,
      String inputTopic,
      Map<String, String> options,
      Map<String, String> assumed) {
    this.job = Objects.requireNonNull(job, "job");
    this.api = Objects.requireNonNull(api, "api");
    this.inputTopic = inputTopic;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.assumed = Map.copyOf(assumed);
  }

  /**
   * The options of a job whose query or graph has this shape version.
   *
   * @param inputTopic the topic the job reads, or null when it reads files or a socket: what a
   *     reset can choose offsets of
   */
  public static CheckpointOptions of(String job, Api api, int shape, String inputTopic) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(SHAPE, job + "/" + shape);
    return new CheckpointOptions(job, api, inputTopic, options);
  }

  /** These options and one more: {@code option} as typed ({@code --window}), its value. */
  public CheckpointOptions with(String option, Object value) {
    Map<String, String> more = new LinkedHashMap<>(options);
    more.put(option, shown(value));
    return new CheckpointOptions(job, api, inputTopic, more, assumed);
  }

  /**
   * These options and one added in a later version: a checkpoint that recorded nothing for it is
   * taken to have {@code beforeValue}, what runs before the option behaved as.
   */
  public CheckpointOptions withAssumed(String option, Object value, Object beforeValue) {
    Map<String, String> before = new LinkedHashMap<>(assumed);
    before.put(option, shown(beforeValue));
    return new CheckpointOptions(job, api, inputTopic, options, before).with(option, value);
  }

  /**
   * These options and the options every DStream job's graph or Spark settings capture: the batch
   * interval, pacing, consumer group, Kafka and registry clients, Spark master and settings, the
   * console flag.
   */
  public CheckpointOptions withDStreamCommon(
      io.kspipeline.jobs.common.StreamingOptions streaming,
      io.kspipeline.jobs.dstream.DStreamOptions dstream,
      KafkaOptions kafka,
      String registry) {
    Map<String, String> client = new TreeMap<>(KafkaOptions.redacted(kafka.clientProperties()));
    client.remove("bootstrap.servers");
    return with("--batch", dstream.batch())
        .with("--backpressure", dstream.backpressure())
        .with("--max-rate-per-partition", dstream.maxRatePerPartition())
        .with("--group-id", readsKafka() ? dstream.groupIdFor(job) : null)
        .with("--bootstrap", kafka.bootstrap())
        .with(
            "--kafka-config/-X",
            client.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")))
        .with("--registry", registry)
        .with("--master", streaming.master())
        .with(
            "--spark-conf",
            new TreeMap<>(streaming.sparkConf())
                .entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")))
        .with("--console", streaming.console());
  }

  /**
   * Several jobs' options as one (the demo's DStream jobs share one context and checkpoint): each
   * option named {@code <job> <option>}.
   */
  public static CheckpointOptions combined(String name, List<CheckpointOptions> jobs) {
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> assumed = new LinkedHashMap<>();
    for (CheckpointOptions job : jobs) {
      job.options.forEach((k, v) -> options.put(job.job + " " + k, v));
      job.assumed.forEach((k, v) -> assumed.put(job.job + " " + k, v));
    }
    return new CheckpointOptions(name, jobs.get(0).api, null, options, assumed);
  }

  public String job() {
    return job;
  }

  public Api api() {
    return api;
  }

  /** The topic the job reads; null for files or a socket. */
  public String inputTopic() {
    return inputTopic;
  }

  public boolean readsKafka() {
    return inputTopic != null;
  }

  /** Option → value, in the order the job declares them. */
  public Map<String, String> options() {
    return options;
  }

  /** An option's value the way a user types it: durations as 30s, 5m, 1h; nothing as (none). */
  static String shown(Object value) {
    if (value == null || value.toString().isEmpty()) {
      return "(none)";
    }
    if (value instanceof Duration d) {
      return duration(d);
    }
    return value.toString();
  }

  /** A JDBC URL as recorded: a password in it hidden (the URL itself may change its value). */
  public static String jdbcUrl(String url) {
    return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1[hidden]");
  }

  static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = d.toSeconds();
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /** One option whose value differs between the checkpoint and this run. */
  public record Difference(String option, String checkpoint, String thisRun) {
    /** {@code --window: the checkpoint has 30s, this run asks for 1m}. */
    public String describe() {
      return option
          + ": the checkpoint has "
          + (checkpoint == null ? "nothing recorded" : checkpoint)
          + ", this run asks for "
          + (thisRun == null ? "nothing (an option of another version)" : thisRun);
    }
  }

  /**
   * Where this run differs from the options a checkpoint recorded: this run's options in their
   * order, then those only the checkpoint has.
   */
  public List<Difference> differencesFrom(CheckpointOptions recorded) {
    Set<String> names = new LinkedHashSet<>(options.keySet());
    names.addAll(recorded.options.keySet());
    List<Difference> differences = new ArrayList<>();
    for (String name : names) {
      String then =
          recorded.options.containsKey(name) ? recorded.options.get(name) : assumed.get(name);
      String now = options.get(name);
      if (!Objects.equals(then, now)) {
        differences.add(new Difference(name, then, now));
      }
    }
    if (!recorded.job.equals(job)) {
      differences.add(0, new Difference("job", recorded.job, job));
    }
    return differences;
  }

  /** The options file's content, with the time they were recorded. */
  public String toJson(Instant recordedAt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("job", job);
    root.put("api", api.name());
    root.put("inputTopic", inputTopic);
    root.put("recordedAt", recordedAt.toString());
    ObjectNode values = root.putObject("options");
    options.forEach(values::put);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options as a checkpoint's options file holds them. */
  public record Recorded(CheckpointOptions options, Instant recordedAt) {}

  /** Reads an options file; fails with what is wrong with it. */
  public static Recorded fromJson(String text) {
    try {
      JsonNode root = JSON.readTree(text);
      Map<String, String> options = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = root.path("options").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        options.put(field.getKey(), field.getValue().asText());
      }
      CheckpointOptions recorded =
          new CheckpointOptions(
              root.path("job").asText(),
              Api.valueOf(root.path("api").asText()),
              root.hasNonNull("inputTopic") ? root.get("inputTopic").asText() : null,
              options);
      return new Recorded(recorded, Instant.parse(root.path("recordedAt").asText()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an options file of this pipeline: " + e.getMessage());
    }
  }
}
