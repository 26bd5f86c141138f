package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart's values.yaml, parsed (no helm needed): one entry per catalog job, under the job's
 * name, with the topics the job defaults to.
 */
class HelmValuesTest {
  private final JsonNode jobs =
      Repository.yaml(Repository.chart().resolve("values.yaml")).path("jobs");

  @Test
  void hasAnEntryForEveryCatalogJobAndNoOther() {
    List<String> entries = new ArrayList<>();
    jobs.fieldNames().forEachRemaining(entries::add);

    assertThat(entries).containsExactlyInAnyOrderElementsOf(JobCatalog.names());
  }

  @Test
  void passesEachJobTheTopicsTheCatalogDeclares() {
    for (JobSpec job : JobCatalog.all()) {
      JsonNode topics = jobs.path(job.name()).path("topics");
      assertThat(topics.path("input-topic").asText()).as(job.name()).isEqualTo(job.input());
      assertThat(topics.path("output-topic").asText())
          .as(job.name())
          .isEqualTo(job.output().name());
      if (topics.has("dead-letter-topic")) {
        assertThat(topics.path("dead-letter-topic").asText())
            .as(job.name())
            .isEqualTo(job.deadLetterTopic());
      }
    }
  }
}
