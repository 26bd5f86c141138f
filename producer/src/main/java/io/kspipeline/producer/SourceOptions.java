package io.kspipeline.producer;

import io.kspipeline.producer.source.FilesSource;
import io.kspipeline.producer.source.FollowSource;
import io.kspipeline.producer.source.LineSource;
import io.kspipeline.producer.source.StdinSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where a producer reads from: exactly one of files, a followed file, stdin or the generator. */
public final class SourceOptions {
  /**
   * The generators' spacing of event times, one name in every producer (each keeps its old name as
   * an alias). Not --rate, which paces the sending: the two together set how fast generated time
   * runs against the clock.
   */
  static final String EVENT_TIME_RATE = "--event-time-rate";

  static final String EVENT_TIME_RATE_HELP =
      "With --generate: event times of the generated records are 1/PER_SECOND s apart, as if"
          + " that many happened per second (default: ${DEFAULT-VALUE}); --rate paces the"
          + " sending.";

  @ArgGroup(exclusive = true, multiplicity = "1")
  Choice choice;

  @Option(
      names = "--position-file",
      paramLabel = "FILE",
      description =
          "With --follow: where the read position is saved (default: .<name>.position beside the file).")
  Path positionFile;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "With --generate: how many records (default: no end).")
  Long count;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "Stop after this long, e.g. 30s or 5m (any source).")
  Duration duration;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "With --generate: random seed; the same seed gives the same data (default: ${DEFAULT-VALUE}).")
  long seed;

  static final class Choice {
    @Option(
        names = "--file",
        paramLabel = "FILE|GLOB",
        description =
            "Files to publish in order (plain or gzipped, whatever the name; globs like"
                + " 'access.log*'); repeatable.")
    List<String> files;

    @Option(
        names = "--follow",
        paramLabel = "FILE",
        description = "Follow a growing file like tail -F.")
    Path follow;

    @Option(names = "--stdin", description = "Read lines from standard input (plain or gzipped).")
    boolean stdin;

    @Option(names = "--generate", description = "Generate seeded synthetic data.")
    boolean generate;
  }

  public boolean generate() {
    return choice.generate;
  }

  public long count() {
    return count == null ? -1 : count;
  }

  public long seed() {
    return seed;
  }

  public Duration duration() {
    return duration;
  }

  /** The file, follow or stdin source; the generators are made by each producer. */
  public LineSource open() throws IOException {
    if (choice.files != null) {
      return new FilesSource(choice.files);
    }
    if (choice.follow != null) {
      Path positions =
          positionFile != null ? positionFile : FollowSource.defaultPositionFile(choice.follow);
      return new FollowSource(choice.follow, positions, Duration.ofMillis(200));
    }
    if (choice.stdin) {
      return new StdinSource(System.in);
    }
    throw new IllegalStateException("--generate is opened by the producer");
  }

  /** What progress is measured in: bytes of files, else records against --count. */
  String progressUnit() {
    return "lines";
  }
}
