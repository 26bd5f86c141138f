package io.kspipeline.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.config.EnvironmentDefaults;
import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.schemas.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/** The catalog against the commands it declares and the topic names of the contract. */
class JobCatalogTest {
  @Test
  void shouldDeclareTheEightJobsOfTheContractOnceEach() {
    assertThat(JobCatalog.names())
        .containsExactly(
            "status-counts",
            "top-urls",
            "action-counts",
            "trending-hashtags",
            "error-alerts",
            "error-lines",
            "popular-hashtags",
            "hashtag-counts")
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldNameEachJobAsItsCommandIsNamed() {
    for (JobSpec job : JobCatalog.all()) {
      assertThat(job.command().getAnnotation(Command.class).name()).isEqualTo(job.name());
    }
  }

  @Test
  void shouldListOnlyTablesItsCommandDeclaresAndTheCommandsTable() throws Exception {
    for (JobSpec job : JobCatalog.all()) {
      List<Object> declared = new ArrayList<>();
      for (Field field : job.command().getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == TableSpec.class) {
          declared.add(field.get(null));
        }
      }
      for (TableSpec table : job.tables()) {
        assertThat(declared).as(job.name()).containsOnlyOnce(table);
      }
      Optional<Field> tableConstant = constant(job.command(), "TABLE");
      if (tableConstant.isPresent()) {
        assertThat(job.tables()).as(job.name()).containsExactly(table(tableConstant.get()));
      }
    }
  }

  @Test
  void shouldSetLateRecordsOfAStructuredJobWithAWatermarkAsideInInputLate() {
    for (JobSpec job : JobCatalog.all()) {
      boolean watermark = commandLine(job).getCommandSpec().findOption("--watermark") != null;
      if (job.api() == Api.STRUCTURED && watermark) {
        assertThat(job.lateTopic()).as(job.name()).contains(job.input() + "-late");
      } else {
        assertThat(job.lateTopic()).as(job.name()).isEmpty();
      }
    }
  }

  @Test
  void shouldDeclareTheTopicsItsCommandDefaultsTo() {
    for (JobSpec job : JobCatalog.all()) {
      CommandLine command = commandLine(job);
      command.parseArgs();
      assertDefault(job, command, "--input-topic", job.input());
      assertDefault(job, command, "--output-topic", job.output().name());
      assertDefault(job, command, "--dead-letter-topic", job.deadLetterTopic());
    }
  }

  @Test
  void shouldUseOnlyTopicNamesOfTheContract() throws Exception {
    Set<String> constants = new HashSet<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        constants.add((String) field.get(null));
      }
    }
    Set<String> derived = new HashSet<>(constants);
    for (String topic : constants) {
      derived.add(Topics.deadLetterTopicOf(topic));
      derived.add(Topics.lateTopicOf(topic));
    }
    for (JobSpec job : JobCatalog.all()) {
      assertThat(constants).as(job.name()).contains(job.input(), job.output().name());
      assertThat(derived).as(job.name()).contains(job.deadLetterTopic());
      job.lateTopic().ifPresent(late -> assertThat(derived).as(job.name()).contains(late));
    }
  }

  @Test
  void shouldGiveEachJobItsOwnResultTopicWithAnAvroOrTextValue() {
    assertThat(JobCatalog.all().stream().map(job -> job.output().name())).doesNotHaveDuplicates();
    for (JobSpec job : JobCatalog.all()) {
      String value = job.output().value();
      if (!value.equals("text")) {
        assertThat(avroClass(value)).as(job.name()).isPresent();
      }
    }
  }

  @Test
  void shouldRejectAnUnknownNameListingTheJobs() {
    assertThat(JobCatalog.named("top-urls")).isSameAs(JobCatalog.TOP_URLS);
    assertThatThrownBy(() -> JobCatalog.named("top-url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'top-url'")
        .hasMessageContaining(String.join(", ", JobCatalog.names()));
  }

  @Test
  void shouldGatherTheInputSideTopicsOfSeveralJobsOnce() {
    assertThat(JobCatalog.inputSideTopics(List.of(JobCatalog.STATUS_COUNTS, JobCatalog.TOP_URLS)))
        .containsExactly(Topics.ACCESS_LOGS, Topics.ACCESS_LOGS_DLQ, "access-logs-late");
    assertThat(JobCatalog.outputs(List.of(JobCatalog.TOP_URLS, JobCatalog.TOP_URLS)))
        .containsExactly(JobCatalog.TOP_URLS.output());
  }

  @Test
  void shouldDeriveDeadLettersAndLateRecordsFromAnotherInput() {
    JobSpec serverErrors = JobCatalog.ERROR_LINES.reading(Topics.ACCESS_LOGS);
    assertThat(serverErrors.inputSideTopics())
        .containsExactly(Topics.ACCESS_LOGS, Topics.ACCESS_LOGS_DLQ);
    assertThat(JobCatalog.TRENDING_HASHTAGS.reading("tweets-eu").inputSideTopics())
        .containsExactly("tweets-eu", "tweets-eu-dlq", "tweets-eu-late");
  }

  /** The value, or where the help text states it ("default: <input>-dlq" and the like). */
  private static void assertDefault(
      JobSpec job, CommandLine command, String option, String expected) {
    OptionSpec spec = command.getCommandSpec().findOption(option);
    assertThat(spec).as(job.name() + " " + option).isNotNull();
    Object value = spec.getValue();
    if (value != null) {
      assertThat(value).as(job.name() + " " + option).isEqualTo(expected);
    } else {
      String help = String.join(" ", spec.description()).replace("<input>", job.input());
      assertThat(help)
          .as(job.name() + " " + option)
          .containsPattern("default: " + Pattern.quote(expected) + "(?![\\w-])");
    }
  }

  /** The command as {@code job} parses it, without this machine's PIPELINE_* variables. */
  private static CommandLine commandLine(JobSpec job) {
    CommandLine command = PipelineCommandLine.create(job.command());
    command.setDefaultValueProvider(new EnvironmentDefaults(Map.of()));
    return command;
  }

  private static Optional<Field> constant(Class<?> type, String name) {
    try {
      return Optional.of(type.getField(name));
    } catch (NoSuchFieldException e) {
      return Optional.empty();
    }
  }

  private static TableSpec table(Field field) throws IllegalAccessException {
    return (TableSpec) field.get(null);
  }

  private static Optional<Class<?>> avroClass(String recordName) {
    try {
      return Optional.of(Class.forName("io.kspipeline.schemas.avro." + recordName));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }
}
