package io.kspipeline.jobs.catalog;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.common.OutputFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A job's configuration set by code (the demo, tests, harnesses) as the flags a user would type:
 * one immutable value, applied to a job's command by the parser {@code pipeline job} uses, over the
 * default each option declares once. So a job is configured one way whoever configures it, and an
 * unknown flag or a bad value fails as it would for a user. The environment ({@code PIPELINE_*})
 * and {@code PIPELINE_CONFIG_FILE} are not read: code gets what it says.
 */
public final class JobArguments {
  private final List<String> args;

  private JobArguments(List<String> args) {
    this.args = List.copyOf(args);
  }

  public static Builder builder() {
    return new Builder(List.of());
  }

  /** A builder starting from these flags; a flag given again overrides the earlier one. */
  public Builder toBuilder() {
    return new Builder(args);
  }

  /** The flags, in order. */
  public List<String> asList() {
    return args;
  }

  /** {@code command} with these flags applied over its declared defaults. */
  public <T extends Callable<Integer>> T configure(T command) {
    return PipelineCommandLine.parse(command, args);
  }

  @Override
  public String toString() {
    return String.join(" ", args);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobArguments other && args.equals(other.args);
  }

  @Override
  public int hashCode() {
    return args.hashCode();
  }

  /** Collects flags; the named methods are the options every job shares. */
  public static final class Builder {
    private final List<String> args;

    private Builder(List<String> args) {
      this.args = new ArrayList<>(args);
    }

    public Builder bootstrap(String servers) {
      return option("--bootstrap", servers);
    }

    public Builder registry(String url) {
      return option("--registry", url);
    }

    public Builder checkpoint(Path dir) {
      return option("--checkpoint", dir.toString());
    }

    public Builder checkpoint(String dir) {
      return option("--checkpoint", dir);
    }

    public Builder trigger(String trigger) {
      return option("--trigger", trigger);
    }

    /** The database of the job's tables; none when null. */
    public Builder jdbcUrl(String url) {
      return url == null ? this : option("--jdbc-url", url);
    }

    public Builder inputTopic(String topic) {
      return option("--input-topic", topic);
    }

    public Builder deadLetterTopic(String topic) {
      return option("--dead-letter-topic", topic);
    }

    public Builder outputTopic(String topic) {
      return option("--output-topic", topic);
    }

    public Builder outputFormat(OutputFormat format) {
      return option("--output-format", format.name());
    }

    /** A DStream job's batch interval. */
    public Builder batch(Duration interval) {
      return option("--batch", interval);
    }

    /**
     * Any option with its value (a duration as ISO-8601, which every duration option takes); null
     * leaves the option at its default.
     */
    public Builder option(String name, Object value) {
      if (value != null) {
        args.add(name);
        args.add(value.toString());
      }
      return this;
    }

    /** A boolean option, switched on. */
    public Builder flag(String name) {
      args.add(name);
      return this;
    }

    public JobArguments build() {
      return new JobArguments(args);
    }
  }
}
