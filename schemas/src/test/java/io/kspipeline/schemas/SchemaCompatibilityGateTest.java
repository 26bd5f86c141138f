package io.kspipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's compatibility gate: every schema in src/main/avro must read data written with its
 * last released version (released/), as a Schema Registry on BACKWARD would demand before the
 * producers could register it.
 */
class SchemaCompatibilityGateTest {
  private static final Path CURRENT = Path.of("src/main/avro");
  private static final Path RELEASED = Path.of("released");

  static Stream<Path> currentSchemas() throws IOException {
    try (Stream<Path> files = Files.list(CURRENT)) {
      List<Path> schemas = files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
      assertThat(schemas).isNotEmpty();
      return schemas.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void shouldReadDataWrittenWithTheReleasedVersion(Path current) throws IOException {
    Path released = RELEASED.resolve(current.getFileName());
    assertThat(released)
        .as("%s has no released version; copy it to %s when it ships", current, RELEASED)
        .exists();

    Schema reader = new Schema.Parser().parse(current.toFile());
    Schema writer = new Schema.Parser().parse(released.toFile());
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);

    assertThat(result.getType())
        .as(
            "%s is not BACKWARD compatible with %s: %s",
            current, released, result.getResult().getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
