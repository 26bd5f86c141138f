package io.kspipeline.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.core.config.PipelineCommandLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Runs each input file under {@code golden/<command>/} through {@code parse <command>} and compares
 * the output, line by line as JSON, with the file's {@code .expected.jsonl}. A {@code .args} file
 * beside the input holds extra arguments, one per line.
 */
class ParseCommandGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPECTED = ".expected.jsonl";
  private static final String ARGS = ".args";

  @TestFactory
  Stream<DynamicTest> accessLog() throws Exception {
    return goldenTests("access-log");
  }

  @TestFactory
  Stream<DynamicTest> tweet() throws Exception {
    return goldenTests("tweet");
  }

  @TestFactory
  Stream<DynamicTest> hashtags() throws Exception {
    return goldenTests("hashtags");
  }

  private static Stream<DynamicTest> goldenTests(String command) throws Exception {
    Path directory = resource("golden/" + command);
    List<Path> inputs;
    try (Stream<Path> files = Files.list(directory)) {
      inputs =
          files
              .filter(f -> !name(f).endsWith(EXPECTED) && !name(f).endsWith(ARGS))
              .sorted()
              .toList();
    }
    assertThat(inputs).as("golden inputs for %s", command).isNotEmpty();
    return inputs.stream()
        .map(input -> DynamicTest.dynamicTest(name(input), () -> check(command, input)));
  }

  private static void check(String command, Path input) throws IOException {
    String base = name(input).substring(0, name(input).lastIndexOf('.'));
    Path expectedFile = input.resolveSibling(base + EXPECTED);
    Path argsFile = input.resolveSibling(base + ARGS);
    List<String> args = new ArrayList<>(List.of(command));
    if (Files.exists(argsFile)) {
      args.addAll(Files.readAllLines(argsFile, StandardCharsets.UTF_8));
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine cli =
        PipelineCommandLine.create(
            new ParseCommand(new ByteArrayInputStream(Files.readAllBytes(input)), out));
    cli.setErr(new PrintWriter(err));
    int exitCode = cli.execute(args.toArray(String[]::new));

    assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
    List<String> actual = out.toString(StandardCharsets.UTF_8).lines().toList();
    List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);
    List<String> inputLines = Files.readAllLines(input, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      assertThat(tree(actual.get(i)))
          .as("output line %d of %s (input: %s)", i + 1, name(input), inputAt(inputLines, i))
          .isEqualTo(tree(expected.get(i)));
    }
    assertThat(actual).as("output lines of %s", name(input)).hasSameSizeAs(expected);
  }

  private static String inputAt(List<String> lines, int index) {
    return index < lines.size() ? lines.get(index) : "?";
  }

  private static JsonNode tree(String json) throws IOException {
    return JSON.readTree(json);
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }

  private static Path resource(String name) throws URISyntaxException {
    URL url = ParseCommandGoldenTest.class.getClassLoader().getResource(name);
    assertThat(url).as(name).isNotNull();
    return Path.of(url.toURI());
  }
}
