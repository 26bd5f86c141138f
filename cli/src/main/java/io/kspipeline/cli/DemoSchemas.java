package io.kspipeline.cli;

import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import io.kspipeline.schemas.serde.AvroSerdeConfig;
import java.io.IOException;

/**
 * Registers the schemas of the demo's Avro inputs before the jobs start, so that a live demo can
 * start its jobs before its producers: a Structured job decodes with spark-avro only frames of a
 * schema registered when its query is built (else every frame goes through the registry client).
 * The producers register the same schemas and get the same ids.
 */
final class DemoSchemas {
  private DemoSchemas() {}

  static void register(String registryUrl) throws IOException {
    try (SchemaRegistry registry = SchemaRegistries.connect(registryUrl)) {
      registry.register(
          AvroSerdeConfig.subjectOf(Topics.ACCESS_LOGS, false), AccessLogEvent.getClassSchema());
      registry.register(AvroSerdeConfig.subjectOf(Topics.TWEETS, false), Tweet.getClassSchema());
    }
  }
}
