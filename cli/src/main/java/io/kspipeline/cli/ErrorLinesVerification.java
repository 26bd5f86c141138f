package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * error-lines (DStream, no table): raw access-log lines, each with its id in its request, about a
 * third of them with "error" in it; the truth is each such line once in the output topic, and no
 * other line.
 */
final class ErrorLinesVerification implements VerifiedJob {
  private static final Pattern ID = Pattern.compile("/verify/(l\\d{7})");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Override
  public JobSpec spec() {
    return JobCatalog.ERROR_LINES;
  }

  @Override
  public Map<String, Long> topicCounts(OutputValue value) {
    Matcher id = ID.matcher(value.text());
    if (!id.find()) {
      throw new IllegalStateException("an error line without a verify id: " + value.text());
    }
    return Map.of(id.group(1), 1L);
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    List<VerifyEvents.Event> events = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("l%07d", i);
      boolean error = random.nextInt(3) == 0;
      Instant time = StatusCountsVerification.T0.plusMillis(i * 10L);
      events.add(VerifyEvents.Event.text(id, line(id, time, error, random)));
      if (error) {
        errors.add(id);
      }
    }
    return new VerifyEvents(events, VerifyEvents.countsOf(errors));
  }

  /** A combined-format line; an error line's request names an error page. */
  static String line(String id, Instant time, boolean error, Random random) {
    return String.format(
        "10.0.0.%d - - [%s] \"GET /verify/%s%s HTTP/1.1\" %d %d \"-\" \"verify\"",
        random.nextInt(256),
        LOG_TIME.format(time),
        id,
        error ? "/error" : "",
        error ? 500 : 200,
        random.nextInt(10_000));
  }
}
