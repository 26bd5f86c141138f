package io.kspipeline.jobs.catalog;

import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.dstream.ErrorLinesCommand;
import io.kspipeline.jobs.dstream.ErrorLinesJob;
import io.kspipeline.jobs.dstream.HashtagCountsCommand;
import io.kspipeline.jobs.dstream.HashtagCountsJob;
import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.dstream.PopularHashtagsJob;
import io.kspipeline.jobs.structured.ActionCountsCommand;
import io.kspipeline.jobs.structured.ActionCountsJob;
import io.kspipeline.jobs.structured.ErrorAlertsCommand;
import io.kspipeline.jobs.structured.ErrorAlertsJob;
import io.kspipeline.jobs.structured.StatusCountsCommand;
import io.kspipeline.jobs.structured.StatusCountsJob;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import io.kspipeline.jobs.structured.TopUrlsJob;
import io.kspipeline.jobs.structured.TrendingHashtagsCommand;
import io.kspipeline.jobs.structured.TrendingHashtagsJob;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.ErrorAlert;
import io.kspipeline.schemas.avro.KeyCount;
import io.kspipeline.schemas.avro.Ranking;
import io.kspipeline.schemas.avro.StatusCount;
import io.kspipeline.schemas.avro.WindowedCount;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every streaming job, declared once. {@code job <name>} registers its subcommands from here; the
 * demo creates, runs and summarises its jobs' topics from here; verify and the chart and compose
 * tests check their own lists of jobs against it.
 */
public final class JobCatalog {
  public static final JobSpec STATUS_COUNTS =
      new JobSpec(
          StatusCountsJob.NAME,
          Api.STRUCTURED,
          Topics.ACCESS_LOGS,
          ResultTopic.compacted(
              Topics.STATUS_COUNTS, "status", StatusCount.getClassSchema().getName()),
          List.of(StatusCountsCommand.TABLE),
          Optional.empty(),
          Topics.ACCESS_LOGS_DLQ,
          StatusCountsCommand.class);

  public static final JobSpec TOP_URLS =
      new JobSpec(
          TopUrlsJob.NAME,
          Api.STRUCTURED,
          Topics.ACCESS_LOGS,
          ResultTopic.compacted(Topics.TOP_URLS, "window", Ranking.getClassSchema().getName()),
          List.of(TopUrlsCommand.TABLE),
          Optional.of(Topics.lateTopicOf(Topics.ACCESS_LOGS)),
          Topics.ACCESS_LOGS_DLQ,
          TopUrlsCommand.class);

  public static final JobSpec ACTION_COUNTS =
      new JobSpec(
          ActionCountsJob.NAME,
          Api.STRUCTURED,
          Topics.WEB_ACTIONS,
          ResultTopic.compacted(
              Topics.ACTION_COUNTS, "window/action", WindowedCount.getClassSchema().getName()),
          List.of(ActionCountsCommand.TABLE),
          Optional.of(Topics.lateTopicOf(Topics.WEB_ACTIONS)),
          Topics.WEB_ACTIONS_DLQ,
          ActionCountsCommand.class);

  public static final JobSpec TRENDING_HASHTAGS =
      new JobSpec(
          TrendingHashtagsJob.NAME,
          Api.STRUCTURED,
          Topics.TWEETS,
          ResultTopic.compacted(
              Topics.TRENDING_HASHTAGS, "window", Ranking.getClassSchema().getName()),
          List.of(TrendingHashtagsCommand.TABLE),
          Optional.of(Topics.lateTopicOf(Topics.TWEETS)),
          Topics.TWEETS_DLQ,
          TrendingHashtagsCommand.class);

  public static final JobSpec ERROR_ALERTS =
      new JobSpec(
          ErrorAlertsJob.NAME,
          Api.STRUCTURED,
          Topics.ACCESS_LOGS,
          ResultTopic.log(
              Topics.ERROR_ALERTS, "client address", ErrorAlert.getClassSchema().getName()),
          List.of(),
          Optional.empty(),
          Topics.ACCESS_LOGS_DLQ,
          ErrorAlertsCommand.class);

  /** Raw lines by default; with --server-errors it reads access-logs ({@link JobSpec#reading}). */
  public static final JobSpec ERROR_LINES =
      new JobSpec(
          ErrorLinesJob.NAME,
          Api.DSTREAM,
          Topics.ACCESS_LOGS_RAW,
          ResultTopic.log(Topics.ERROR_LINES, "source topic/partition/offset", "text"),
          List.of(),
          Optional.empty(),
          Topics.ACCESS_LOGS_DLQ,
          ErrorLinesCommand.class);

  public static final JobSpec POPULAR_HASHTAGS =
      new JobSpec(
          PopularHashtagsJob.NAME,
          Api.DSTREAM,
          Topics.TWEETS,
          ResultTopic.compacted(
              Topics.POPULAR_HASHTAGS, "window", Ranking.getClassSchema().getName()),
          List.of(PopularHashtagsCommand.TABLE),
          Optional.empty(),
          Topics.TWEETS_DLQ,
          PopularHashtagsCommand.class);

  /**
   * Hashtags of tweets; its --statuses mode (into status-totals, status_totals) is not declared.
   */
  public static final JobSpec HASHTAG_COUNTS =
      new JobSpec(
          HashtagCountsJob.NAME,
          Api.DSTREAM,
          Topics.TWEETS,
          ResultTopic.compacted(
              Topics.HASHTAG_COUNTS, "hashtag", KeyCount.getClassSchema().getName()),
          List.of(HashtagCountsCommand.HASHTAG_TABLE),
          Optional.empty(),
          Topics.TWEETS_DLQ,
          HashtagCountsCommand.class);

  /** In the order {@code job --help} lists them. */
  private static final List<JobSpec> ALL =
      List.of(
          STATUS_COUNTS,
          TOP_URLS,
          ACTION_COUNTS,
          TRENDING_HASHTAGS,
          ERROR_ALERTS,
          ERROR_LINES,
          POPULAR_HASHTAGS,
          HASHTAG_COUNTS);

  private JobCatalog() {}

  public static List<JobSpec> all() {
    return ALL;
  }

  public static List<String> names() {
    return ALL.stream().map(JobSpec::name).toList();
  }

  /** The job of this name; an unknown name fails with the names there are. */
  public static JobSpec named(String name) {
    return ALL.stream()
        .filter(job -> job.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no job named '" + name + "'; the jobs are " + String.join(", ", names())));
  }

  /** The input, dead-letter and late topics of these jobs, each once, in the jobs' order. */
  public static List<String> inputSideTopics(Collection<JobSpec> jobs) {
    return jobs.stream().flatMap(job -> job.inputSideTopics().stream()).distinct().toList();
  }

  /** The result topics of these jobs, each once, in the jobs' order. */
  public static List<ResultTopic> outputs(Collection<JobSpec> jobs) {
    return jobs.stream().map(JobSpec::output).distinct().toList();
  }
}
