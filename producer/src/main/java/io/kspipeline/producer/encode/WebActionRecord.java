package io.kspipeline.producer.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kspipeline.core.json.JsonErrors;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A user action on a web site as topic web-actions carries it, and as job action-counts reads it:
 * {@code {"action":"Open","time":"2026-01-01T10:00:00Z","userId":"u42"}}.
 *
 * @param userId null for an anonymous action
 */
public record WebActionRecord(String action, Instant time, String userId) {
  /** Strict: a key twice or text after the object is not one web action. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static final String BAD_TIME =
      "\"time\" must be an ISO-8601 timestamp with a zone (2026-01-01T10:00:00Z) or epoch seconds";

  /** A line that is not a web action, and why. */
  public static final class NotAWebActionException extends Exception {
    NotAWebActionException(String reason) {
      super(reason);
    }
  }

  public WebActionRecord {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(time, "time");
  }

  /**
   * Reads one JSON line. {@code action} must be a non-empty string; {@code time} an ISO-8601
   * timestamp with a zone or offset, or a whole number of epoch seconds (as the seed's data has
   * it); {@code userId} a string, null or absent. Other fields are ignored.
   */
  public static WebActionRecord fromJson(String line) throws NotAWebActionException {
    if (line.isBlank()) {
      throw new NotAWebActionException("empty line");
    }
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new NotAWebActionException(JsonErrors.describe(e));
    }
    if (!root.isObject()) {
      throw new NotAWebActionException(JsonErrors.notAnObject(root));
    }
    return new WebActionRecord(action(root.get("action")), time(root.get("time")), userId(root));
  }

  private static String action(JsonNode action) throws NotAWebActionException {
    if (action == null || action.isNull()) {
      throw new NotAWebActionException("missing \"action\"");
    }
    if (!action.isTextual() || action.asText().isBlank()) {
      throw new NotAWebActionException("\"action\" must be a non-empty string");
    }
    return action.asText();
  }

  private static Instant time(JsonNode time) throws NotAWebActionException {
    if (time == null || time.isNull()) {
      throw new NotAWebActionException("missing \"time\"");
    }
    try {
      if (time.isTextual()) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(time.asText(), Instant::from);
      }
      if (time.isIntegralNumber() && time.canConvertToLong()) {
        return Instant.ofEpochSecond(time.asLong());
      }
    } catch (DateTimeException notATimestamp) {
      // the same reason as any other value that is not a time
    }
    throw new NotAWebActionException(BAD_TIME);
  }

  private static String userId(JsonNode root) throws NotAWebActionException {
    JsonNode userId = root.get("userId");
    if (userId == null || userId.isNull()) {
      return null;
    }
    if (!userId.isTextual()) {
      throw new NotAWebActionException("\"userId\" must be a string or null");
    }
    return userId.asText();
  }

  /** The one JSON form on the topic: these three fields in this order, the time in UTC. */
  public String toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("action", action);
    json.put("time", time.toString());
    json.put("userId", userId);
    return json.toString();
  }
}
