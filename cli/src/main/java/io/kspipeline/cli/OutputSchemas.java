package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.ResultTopic;
import io.kspipeline.schemas.avro.ErrorAlert;
import io.kspipeline.schemas.avro.KeyCount;
import io.kspipeline.schemas.avro.Ranking;
import io.kspipeline.schemas.avro.StatusCount;
import io.kspipeline.schemas.avro.WindowedCount;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/** The schemas of the output values the catalog names: an Avro record's, none for text. */
final class OutputSchemas {
  /** What the catalog calls values that are lines of text. */
  static final String TEXT = "text";

  private static final List<Schema> RECORDS =
      List.of(
          StatusCount.getClassSchema(),
          Ranking.getClassSchema(),
          WindowedCount.getClassSchema(),
          ErrorAlert.getClassSchema(),
          KeyCount.getClassSchema());

  private OutputSchemas() {}

  /** The schema of the topic's values; empty when they are text. */
  static Optional<Schema> of(ResultTopic topic) {
    if (topic.value().equals(TEXT)) {
      return Optional.empty();
    }
    return Optional.of(
        RECORDS.stream()
            .filter(schema -> schema.getName().equals(topic.value()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no output schema named "
                            + topic.value()
                            + " (topic "
                            + topic.name()
                            + ")")));
  }
}
