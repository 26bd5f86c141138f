package io.kspipeline.core.tweets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Lines of a stream that carry no tweet but are not broken either, so they are skipped rather than
 * dead-lettered: the v1.1 streaming API's messages (an object whose one key names the kind) and a
 * v2 response that holds only {@code errors} (an operational disconnect, a tweet not found).
 */
final class StreamControl {
  /** The v2 kind: a response with {@code errors} and no {@code data}. */
  static final String V2_ERRORS = "errors";

  private static final List<String> V1_KINDS =
      List.of(
          "delete",
          "limit",
          "scrub_geo",
          "status_withheld",
          "user_withheld",
          "disconnect",
          "warning");

  private StreamControl() {}

  /** The kind of control message the object is, or null when it is none. */
  static String kindOf(JsonNode root) {
    for (String kind : V1_KINDS) {
      if (root.has(kind)) {
        return kind;
      }
    }
    return root.has(V2_ERRORS) && !root.has("data") ? V2_ERRORS : null;
  }
}
