package io.kspipeline.core.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kspipeline.core.tweets.TweetJsonParser;
import io.kspipeline.core.tweets.TweetParseOutcome;
import io.kspipeline.core.tweets.TweetRecord;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code parse tweet}: one JSON object per tweet found ({@code id}, {@code createdAt}, {@code
 * text}, {@code hashtags}), {@code {"skipped": kind}} for a control message, {@code {"error":
 * reason}} for a bad line.
 */
@Command(
    name = "tweet",
    mixinStandardHelpOptions = true,
    description =
        "Parse tweet JSON lines from stdin, plain or gzipped: v1.1 statuses, v2 responses (pages) or v2 tweets one"
            + " per line (twarc2 flatten); print one JSON object per tweet (id, createdAt, text,"
            + " hashtags), {\"skipped\": kind} for stream control messages and v2 errors, or"
            + " {\"error\": reason}.")
public final class ParseTweetCommand implements Callable<Integer> {
  private final TweetJsonParser parser = new TweetJsonParser();

  @ParentCommand private ParseCommand parse;

  @Override
  public Integer call() throws IOException {
    return parse.translate(this::translate);
  }

  private void translate(String line, JsonLines out) throws IOException {
    TweetParseOutcome outcome = parser.parse(line);
    if (outcome instanceof TweetParseOutcome.Found found) {
      for (TweetRecord tweet : found.tweets()) {
        write(tweet, out.json());
        out.endValue();
      }
    } else if (outcome instanceof TweetParseOutcome.Skipped skipped) {
      out.writeSingleField("skipped", skipped.kind());
    } else {
      out.writeSingleField("error", ((TweetParseOutcome.Rejected) outcome).reason());
    }
  }

  private static void write(TweetRecord tweet, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", tweet.id());
    json.writeStringField("createdAt", tweet.createdAt().toString());
    json.writeStringField("text", tweet.text());
    json.writeArrayFieldStart("hashtags");
    for (String hashtag : tweet.hashtags()) {
      json.writeString(hashtag);
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
