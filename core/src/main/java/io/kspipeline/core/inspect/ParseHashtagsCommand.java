package io.kspipeline.core.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kspipeline.core.hashtags.HashtagExtractor;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code parse hashtags}: one JSON array per text line, the hashtags as written without #. */
@Command(
    name = "hashtags",
    mixinStandardHelpOptions = true,
    description =
        "Find hashtags in text lines from stdin; print one JSON array per line, as written.")
public final class ParseHashtagsCommand implements Callable<Integer> {
  @ParentCommand private ParseCommand parse;

  @Override
  public Integer call() throws IOException {
    return parse.translate(ParseHashtagsCommand::translate);
  }

  private static void translate(String line, JsonLines out) throws IOException {
    JsonGenerator json = out.json();
    json.writeStartArray();
    for (String hashtag : HashtagExtractor.extract(line)) {
      json.writeString(hashtag);
    }
    json.writeEndArray();
    out.endValue();
  }
}
