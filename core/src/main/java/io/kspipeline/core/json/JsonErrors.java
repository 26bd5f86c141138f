package io.kspipeline.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** Why a line is not JSON, short enough for a dead letter, as every JSON reader says it. */
public final class JsonErrors {
  private static final List<String> NOISE_MARKERS =
      List.of(" (start marker at", " (bound as", "\n");
  private static final int MAX_MESSAGE_LENGTH = 160;

  private JsonErrors() {}

  /**
   * Jackson's message without the parts that repeat the input (which may be a megabyte long) or
   * name its internals; its column is where the reader stood, at or just after the culprit.
   */
  public static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    for (String noise : NOISE_MARKERS) {
      int at = message.indexOf(noise);
      if (at > 0) {
        message = message.substring(0, at);
      }
    }
    if (message.length() > MAX_MESSAGE_LENGTH) {
      message = message.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
    JsonLocation location = e.getLocation();
    String where = location == null ? "" : " near column " + location.getColumnNr();
    return "bad JSON" + where + ": " + message;
  }

  /** Why a JSON line whose value is not an object is not the record it should hold. */
  public static String notAnObject(JsonNode value) {
    return "expected a JSON object, found " + value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
