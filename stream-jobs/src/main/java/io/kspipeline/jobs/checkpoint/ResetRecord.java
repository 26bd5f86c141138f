package io.kspipeline.jobs.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What {@code checkpoint reset} left in a job's fresh checkpoint ({@value
 * JobCheckpoint#START_FILE}): where the job's next start reads from, when the reset was made, and
 * where the old checkpoint went.
 *
 * @param movedTo the old checkpoint's new place; null when there was none
 */
public record ResetRecord(StartPosition start, Instant resetAt, String movedTo) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("to", start.text());
    root.put("resetAt", resetAt.toString());
    root.put("movedTo", movedTo);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ResetRecord fromJson(String text) {
    try {
      JsonNode root = JSON.readTree(text);
      return new ResetRecord(
          StartPosition.parse(root.path("to").asText()),
          Instant.parse(root.path("resetAt").asText()),
          root.hasNonNull("movedTo") ? root.get("movedTo").asText() : null);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "not a start file of this pipeline ("
              + JobCheckpoint.START_FILE
              + "): "
              + e.getMessage());
    }
  }
}
