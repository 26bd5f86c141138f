package io.kspipeline.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

/** Paths and parsers for the files under test: the checkout this module belongs to. */
final class Repository {
  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new JsonMapper();

  private Repository() {}

  /** The deploy module's directory (Maven runs tests there and says so in {@code basedir}). */
  static Path module() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath()
        .normalize();
  }

  static Path root() {
    return module().getParent();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  /** What {@code ./mvnw package} stages for {@code docker build} (deploy/pom.xml). */
  static Path dockerContext() {
    return module().resolve("target/docker");
  }

  static Path chart() {
    return path("helm/kafka-spark-pipeline");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A YAML file as Docker Compose reads it: anchors, aliases and merge keys ({@code <<}) resolved,
   * which Jackson's YAML parser does not do.
   */
  static JsonNode yamlResolved(Path file) {
    return JSON.valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file)));
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The node graph of a YAML file before merging: an alias is the very node of its anchor. */
  static Node yamlNodes(Path file) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(read(file)));
  }

  /** Every document of a multi-document YAML text, empty ones left out. */
  static List<JsonNode> yamlDocuments(String text) {
    try (var parser = new YAMLFactory().createParser(text)) {
      List<JsonNode> documents = new ArrayList<>();
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isEmpty()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A property of the parent POM, the one source of the build's settings. */
  static String parentPomProperty(String name) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      Document pom = factory.newDocumentBuilder().parse(path("pom.xml").toFile());
      var nodes = pom.getElementsByTagName(name);
      return Objects.requireNonNull(nodes.item(0), "no property " + name).getTextContent().trim();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + name + " from the parent pom.xml", e);
    }
  }

  /**
   * The class path of a plain Spark 3.5.1 installation, nothing of ours (written by build-classpath
   * in deploy/pom.xml); a skipped test outside Maven.
   */
  static String sparkClassPath() {
    Path file = module().resolve("target/spark-classpath.txt");
    assumeTrue(Files.isRegularFile(file), "no " + file + ": run through Maven (build-classpath)");
    String classPath = read(file).strip();
    if (!classPath.contains("spark-core_2.12-3.5.1.jar") || classPath.contains("kspipeline")) {
      throw new IllegalStateException("not a plain Spark 3.5.1 class path: " + classPath);
    }
    return classPath;
  }

  /** Spark's Java 17 module options as the build declares them, one flag per element. */
  static List<String> sparkJava17Options() {
    return List.of(parentPomProperty("spark.java17.opens").split("\\s+"));
  }
}
