package io.kspipeline.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values table of the chart's README, generated from the comments of values.yaml: a comment
 * block that starts with "# --" documents the key on the line below it (its later "#" lines
 * continue the text; "# @default -- text" shows text instead of the default). Other comments are
 * notes and stay out of the table. Keys inside lists and block scalars are not keys of the chart.
 */
final class ValuesTable {
  static final String START = "<!-- values table: generated from values.yaml, see ValuesTable -->";
  static final String END = "<!-- end of values table -->";

  // "# --" then a space or the line's end: "# --flag" continues a description.
  private static final Pattern DOC_START = Pattern.compile("^\\s*# --(?:\\s+(.*))?$");
  private static final Pattern DEFAULT = Pattern.compile("^\\s*# @default --(?:\\s+(.*))?$");
  private static final Pattern COMMENT = Pattern.compile("^\\s*#\\s?(.*)$");
  private static final Pattern KEY = Pattern.compile("^( *)([^\\s#'\"\\-][^:#]*?):(?:\\s+(.*))?$");
  private static final Pattern BLOCK_SCALAR = Pattern.compile("^[|>][+-]?\\d*$");

  /** A documented key: its path in values.yaml, its description and shown default. */
  record Row(List<String> path, String description, String defaultOverride) {
    String key() {
      return String.join(".", path);
    }
  }

  private ValuesTable() {}

  /** The documented keys of a values.yaml text, in file order. */
  static List<Row> rows(String valuesYaml) {
    List<Row> rows = new ArrayList<>();
    List<Integer> indents = new ArrayList<>();
    List<String> path = new ArrayList<>();
    StringBuilder description = null;
    String defaultOverride = null;
    int skipDeeperThan = -1;

    for (String line : valuesYaml.split("\n", -1)) {
      int indent = line.length() - line.stripLeading().length();
      if (skipDeeperThan >= 0) {
        if (line.isBlank() || indent > skipDeeperThan) {
          continue;
        }
        skipDeeperThan = -1;
      }
      Matcher matcher;
      if (line.isBlank()) {
        description = null;
        defaultOverride = null;
      } else if ((matcher = DEFAULT.matcher(line)).matches() && description != null) {
        defaultOverride = matcher.group(1) == null ? "" : matcher.group(1).strip();
      } else if ((matcher = DOC_START.matcher(line)).matches()) {
        description = new StringBuilder(matcher.group(1) == null ? "" : matcher.group(1).strip());
        defaultOverride = null;
      } else if ((matcher = COMMENT.matcher(line)).matches()) {
        if (description != null) {
          description.append(' ').append(matcher.group(1).strip());
        }
      } else if ((matcher = KEY.matcher(line)).matches()) {
        while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
          indents.remove(indents.size() - 1);
          path.remove(path.size() - 1);
        }
        indents.add(indent);
        path.add(matcher.group(2).strip());
        if (description != null) {
          rows.add(new Row(List.copyOf(path), description.toString().strip(), defaultOverride));
        }
        description = null;
        defaultOverride = null;
        String value = matcher.group(3) == null ? "" : matcher.group(3).strip();
        if (BLOCK_SCALAR.matcher(value).matches()) {
          skipDeeperThan = indent;
        }
      } else {
        // A list item or a flow continuation: part of the value above, documents nothing.
        description = null;
        defaultOverride = null;
      }
    }
    return rows;
  }

  /** The Markdown table: key, type, default (from the parsed values) and description. */
  static String markdown(String valuesYaml) {
    JsonNode values;
    try {
      values = Repository.YAML.readTree(valuesYaml);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder table = new StringBuilder();
    table.append("| key | type | default | description |\n");
    table.append("|---|---|---|---|\n");
    for (Row row : rows(valuesYaml)) {
      JsonNode value = at(values, row.path());
      String shown = row.defaultOverride() != null ? row.defaultOverride() : code(json(value));
      table
          .append("| `")
          .append(row.key())
          .append("` | ")
          .append(type(value))
          .append(" | ")
          .append(cell(shown))
          .append(" | ")
          .append(cell(row.description()))
          .append(" |\n");
    }
    return table.toString();
  }

  /** The README with its values table (between {@link #START} and {@link #END}) regenerated. */
  static String withTable(String readme, String valuesYaml) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("the README has no values table markers: " + START);
    }
    return readme.substring(0, start + START.length())
        + "\n"
        + markdown(valuesYaml)
        + readme.substring(end);
  }

  static JsonNode at(JsonNode values, List<String> path) {
    JsonNode node = values;
    for (String key : path) {
      node = node.path(key);
    }
    return node;
  }

  private static String type(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "int";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isArray()) {
      return "list";
    }
    if (value.isObject()) {
      return "object";
    }
    throw new IllegalStateException("a documented key has no value in values.yaml: " + value);
  }

  private static String json(JsonNode value) {
    try {
      return Repository.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  /**
   * A table cell: a pipe would end it early, and outside code spans Markdown would take
   * "&lt;name&gt;" for an HTML tag and show nothing.
   */
  private static String cell(String text) {
    String[] spans = text.replace("|", "\\|").split("`", -1);
    for (int i = 0; i < spans.length; i += 2) {
      spans[i] = spans[i].replace("<", "&lt;");
    }
    return String.join("`", spans);
  }
}
