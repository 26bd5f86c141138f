package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.jdbc.TableSpec;
import org.junit.jupiter.api.Test;

/** verify's jobs read the catalog's declarations: the table and output they check are the job's. */
class VerifiedJobTest {
  @Test
  void shouldKnowStatusCountsTopUrlsAndHashtagCounts() {
    assertThat(VerifiedJob.all().stream().map(VerifiedJob::name))
        .containsExactly("status-counts", "top-urls", "hashtag-counts");
    assertThat(VerifiedJob.named("TOP-URLS").name()).isEqualTo("top-urls");
    assertThatThrownBy(() -> VerifiedJob.named("error-lines"))
        .hasMessage("verify knows status-counts, top-urls and hashtag-counts, not error-lines");
  }

  @Test
  void shouldCheckTheCatalogsTableByItsKeysAndHits() {
    for (VerifiedJob job : VerifiedJob.all()) {
      TableSpec table = job.spec().tables().get(0);
      assertThat(job.table()).isEqualTo(table.name());
      assertThat(table.keyColumns().stream().map(Column::name))
          .as(job.name())
          .containsAll(job.keyColumns());
      assertThat(table.valueColumns().stream().map(Column::name)).as(job.name()).contains("hits");
    }
  }

  @Test
  void shouldReadTheOutputAsTheRecordTheCatalogDeclares() {
    for (VerifiedJob job : VerifiedJob.all()) {
      assertThat(job.outputSchema().getName())
          .as(job.name())
          .isEqualTo(job.spec().output().value());
    }
  }
}
