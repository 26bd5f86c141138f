package io.kspipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSchemaRegistryTest {
  private static final Schema V1 =
      SchemaBuilder.record("Thing").fields().requiredString("name").endRecord();
  private static final Schema V2_OPTIONAL_FIELD =
      SchemaBuilder.record("Thing")
          .fields()
          .requiredString("name")
          .name("size")
          .type()
          .intType()
          .intDefault(0)
          .endRecord();
  private static final Schema V3_NAME_REMOVED =
      SchemaBuilder.record("Thing")
          .fields()
          .name("size")
          .type()
          .intType()
          .intDefault(0)
          .endRecord();

  private final LocalSchemaRegistry registry = new LocalSchemaRegistry(new InMemorySchemaStore());

  @Test
  void shouldShareOneIdForTheSameSchemaAcrossSubjectsAndCountVersions() {
    int a = registry.register("a-value", V1);
    int b = registry.register("b-value", V1);
    int again = registry.register("a-value", V1);
    int v2 = registry.register("a-value", V2_OPTIONAL_FIELD);

    assertThat(b).isEqualTo(a);
    assertThat(again).isEqualTo(a);
    assertThat(v2).isNotEqualTo(a);
    assertThat(registry.latest("a-value"))
        .isEqualTo(new RegisteredSchema("a-value", 2, v2, V2_OPTIONAL_FIELD));
    assertThat(registry.idOf("b-value", V1)).isEqualTo(a);
    assertThat(registry.schemaById(v2)).isEqualTo(V2_OPTIONAL_FIELD);
  }

  @Test
  void shouldAnswerNotFoundWithTheRegistryErrorCodes() {
    assertThatThrownBy(() -> registry.latest("missing"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    registry.register("s", V1);
    assertThatThrownBy(() -> registry.idOf("s", V2_OPTIONAL_FIELD))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    assertThatThrownBy(() -> registry.schemaById(4242))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void shouldEnforceEachCompatibilityLevel() {
    registry.register("s", V1);
    assertThat(registry.compatibility("s")).isEqualTo(CompatibilityLevel.BACKWARD);
    // Removing a field without default: a new reader still reads old data (BACKWARD ok)...
    assertThat(registry.isCompatible("s", V3_NAME_REMOVED)).isTrue();
    // ...but an old reader cannot read the new data (FORWARD and FULL fail).
    registry.setCompatibility("s", CompatibilityLevel.FORWARD);
    assertThat(registry.isCompatible("s", V3_NAME_REMOVED)).isFalse();
    registry.setCompatibility("s", CompatibilityLevel.FULL);
    assertThat(registry.isCompatible("s", V2_OPTIONAL_FIELD)).isTrue();
    assertThat(registry.isCompatible("s", V3_NAME_REMOVED)).isFalse();
    registry.setCompatibility("s", CompatibilityLevel.NONE);
    assertThat(registry.isCompatible("s", SchemaBuilder.builder().intType())).isTrue();
  }

  @Test
  void shouldCheckEveryVersionWhenBackwardTransitive() {
    // v1 has name as a string, v2 drops it; the candidate brings name back as an int with a
    // default: it reads v2's data (the default) but not v1's (a string where it wants an int).
    Schema nameAsInt =
        SchemaBuilder.record("Thing")
            .fields()
            .name("size")
            .type()
            .intType()
            .intDefault(0)
            .name("name")
            .type()
            .intType()
            .intDefault(0)
            .endRecord();
    registry.setCompatibility("t", CompatibilityLevel.BACKWARD_TRANSITIVE);
    registry.register("t", V1);
    registry.register("t", V3_NAME_REMOVED);

    assertOnlyTheLatestVersionAccepts("t", CompatibilityLevel.BACKWARD, nameAsInt);
  }

  @Test
  void shouldCheckEveryVersionWhenForwardTransitive() {
    // v1 reads name without a default, v2 with one: v2 reads data without name, v1 cannot.
    Schema nameWithDefault =
        SchemaBuilder.record("Thing")
            .fields()
            .name("name")
            .type()
            .stringType()
            .stringDefault("")
            .endRecord();
    Schema noName = SchemaBuilder.record("Thing").fields().endRecord();
    registry.setCompatibility(null, CompatibilityLevel.FORWARD_TRANSITIVE);
    registry.register("t", V1);
    registry.register("t", nameWithDefault);

    assertThat(registry.compatibility("other")).isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
    assertOnlyTheLatestVersionAccepts("t", CompatibilityLevel.FORWARD, noName);
  }

  /**
   * The candidate passes the non-transitive level (against the latest version alone) and fails the
   * subject's transitive one, in the check and when registered.
   */
  private void assertOnlyTheLatestVersionAccepts(
      String subject, CompatibilityLevel againstLatest, Schema candidate) {
    CompatibilityLevel transitive = registry.compatibility(subject);
    assertThat(registry.isCompatible(subject, candidate)).as(transitive.name()).isFalse();
    assertThatThrownBy(() -> registry.register(subject, candidate))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA));
    registry.setCompatibility(subject, againstLatest);
    assertThat(registry.isCompatible(subject, candidate)).as(againstLatest.name()).isTrue();
  }

  @Test
  void shouldShareIdsBetweenRegistriesOnTheSameDirectory(@TempDir Path dir) {
    LocalSchemaRegistry producerSide = new LocalSchemaRegistry(new DirectorySchemaStore(dir));
    LocalSchemaRegistry jobSide = new LocalSchemaRegistry(new DirectorySchemaStore(dir));

    int id = producerSide.register("tweets-value", V1);

    assertThat(jobSide.schemaById(id)).isEqualTo(V1);
    assertThat(jobSide.register("tweets-value", V2_OPTIONAL_FIELD)).isEqualTo(id + 1);
    assertThat(producerSide.latest("tweets-value").version()).isEqualTo(2);
    LocalSchemaRegistry reopened = new LocalSchemaRegistry(new DirectorySchemaStore(dir));
    assertThat(reopened.idOf("tweets-value", V2_OPTIONAL_FIELD)).isEqualTo(id + 1);
  }

  @Test
  void shouldOpenRegistriesByUrl(@TempDir Path dir) {
    assertThat(SchemaRegistries.connect("mock://x")).isSameAs(SchemaRegistries.connect("mock://x"));
    assertThat(SchemaRegistries.connect("mock://x"))
        .isNotSameAs(SchemaRegistries.connect("mock://y"));
    SchemaRegistry file = SchemaRegistries.connect(dir.toUri().toString());
    int id = file.register("f", V1);
    assertThat(new LocalSchemaRegistry(new DirectorySchemaStore(dir)).schemaById(id)).isEqualTo(V1);
    assertThat(SchemaRegistries.connect("http://127.0.0.1:1"))
        .isInstanceOf(RestSchemaRegistryClient.class);
    assertThatThrownBy(() -> SchemaRegistries.connect("ftp://x"))
        .hasMessageContaining("unsupported schema registry URL");
  }
}
