package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The values table of the chart's README is the one ValuesTable generates from values.yaml, and
 * every value is documented. To regenerate the table after changing values.yaml:
 *
 * <pre>./mvnw -B -o -pl deploy -am test -Dtest=ValuesTableTest \
 *   -Dsurefire.failIfNoSpecifiedTests=false -DupdateValuesTable=true</pre>
 */
class ValuesTableTest {
  private static final Path VALUES = Repository.chart().resolve("values.yaml");
  private static final Path README = Repository.chart().resolve("README.md");

  @Test
  void readmeTableIsGeneratedFromValuesYaml() throws IOException {
    String readme = Repository.read(README);
    String generated = ValuesTable.withTable(readme, Repository.read(VALUES));
    if (Boolean.getBoolean("updateValuesTable")) {
      Files.writeString(README, generated);
      readme = generated;
    }

    assertThat(readme)
        .as(
            "README.md's values table is stale: rerun with -DupdateValuesTable=true (see ValuesTableTest)")
        .isEqualTo(generated);
  }

  @Test
  void everyValueIsDocumentedByItsOwnRowOrAnAncestors() {
    String text = Repository.read(VALUES);
    List<List<String>> documented =
        ValuesTable.rows(text).stream().map(ValuesTable.Row::path).toList();
    List<List<String>> leaves = new ArrayList<>();
    collectLeaves(Repository.yaml(VALUES), new ArrayList<>(), leaves);

    assertThat(leaves).hasSizeGreaterThan(50);
    for (List<String> leaf : leaves) {
      assertThat(documented)
          .as(String.join(".", leaf) + " has no \"# --\" comment on it or on a key above it")
          .anyMatch(row -> leaf.subList(0, Math.min(row.size(), leaf.size())).equals(row));
    }
  }

  @Test
  void readsDocCommentsOfNestedKeysAndSkipsNotesListsAndBlockScalars() {
    String values =
        """
        # A note about the file.

        # -- Top level, with
        # --flags and <name>s,
        # on three lines.
        first: 1
        # A note, not documentation.
        group:
          # -- Nested.
          # @default -- many
          inner:
            - "- not: a key"
          text: >-
            looks: like a key
          # -- After the block.
          after: true
        # -- Back at the top.
        last: {}
        """;

    assertThat(ValuesTable.rows(values))
        .containsExactly(
            new ValuesTable.Row(
                List.of("first"), "Top level, with --flags and <name>s, on three lines.", null),
            new ValuesTable.Row(List.of("group", "inner"), "Nested.", "many"),
            new ValuesTable.Row(List.of("group", "after"), "After the block.", null),
            new ValuesTable.Row(List.of("last"), "Back at the top.", null));
    assertThat(ValuesTable.markdown(values))
        .isEqualTo(
            """
            | key | type | default | description |
            |---|---|---|---|
            | `first` | int | `1` | Top level, with --flags and &lt;name>s, on three lines. |
            | `group.inner` | list | many | Nested. |
            | `group.after` | bool | `true` | After the block. |
            | `last` | object | `{}` | Back at the top. |
            """);
  }

  private static void collectLeaves(JsonNode node, List<String> path, List<List<String>> leaves) {
    if (!node.isObject() || node.isEmpty()) {
      leaves.add(List.copyOf(path));
      return;
    }
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      path.add(field.getKey());
      collectLeaves(field.getValue(), path, leaves);
      path.remove(path.size() - 1);
    }
  }
}
