package io.kspipeline.producer.encode;

import io.kspipeline.producer.encode.WebActionRecord.NotAWebActionException;
import io.kspipeline.producer.run.Encoded;
import io.kspipeline.producer.run.RecordEncoder;
import io.kspipeline.producer.source.InputLine;
import java.nio.charset.StandardCharsets;

/**
 * JSON lines of web actions, each checked and written again in the topic's one form ({@link
 * WebActionRecord#toJson}), keyed by user id so one user's actions stay in order on one partition;
 * anonymous actions have no key. A line that is not a web action is dead-lettered with the reason.
 */
public final class WebActionEncoder implements RecordEncoder {
  /** The error class of the dead letters, the one action-counts gives its own. */
  static final String ERROR_CLASS = "WebActionParseError";

  @Override
  public Encoded encode(InputLine line) {
    WebActionRecord action;
    try {
      action = WebActionRecord.fromJson(line.text());
    } catch (NotAWebActionException e) {
      return new Encoded.Rejected(ERROR_CLASS, e.getMessage());
    }
    byte[] key = action.userId() == null ? null : action.userId().getBytes(StandardCharsets.UTF_8);
    return new Encoded.Record(key, action.toJson().getBytes(StandardCharsets.UTF_8), action.time());
  }
}
