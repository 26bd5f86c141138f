package io.kspipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.schemas.SampleRecords;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Our client and serde against the real Confluent Schema Registry. Needs a Docker engine; skipped
 * (with the reason) where none answers.
 */
class ConfluentSchemaRegistryContainerIT {
  private static Network network;
  private static KafkaContainer kafka;
  private static GenericContainer<?> registry;

  @BeforeAll
  static void startRegistry() {
    Assumptions.assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        "no Docker engine: the real Confluent Schema Registry container cannot run here");
    network = Network.newNetwork();
    kafka =
        new KafkaContainer("apache/kafka:3.9.1").withNetwork(network).withListener("kafka:19092");
    kafka.start();
    registry =
        new GenericContainer<>("confluentinc/cp-schema-registry:7.7.1")
            .withNetwork(network)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
    registry.start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.stop();
    }
    if (kafka != null) {
      kafka.stop();
    }
    if (network != null) {
      network.close();
    }
  }

  private static SchemaRegistry client() {
    return SchemaRegistries.connect(
        "http://" + registry.getHost() + ":" + registry.getMappedPort(8081));
  }

  @Test
  void shouldRegisterLookUpAndEnforceCompatibilityOnTheRealRegistry() {
    SchemaRegistry client = client();
    Schema v1 = SchemaBuilder.record("Thing").fields().requiredString("name").endRecord();
    Schema incompatible = SchemaBuilder.record("Thing").fields().requiredInt("name").endRecord();

    int id = client.register("things-value", v1);

    assertThat(client.idOf("things-value", v1)).isEqualTo(id);
    assertThat(client.schemaById(id)).isEqualTo(v1);
    assertThat(client.latest("things-value").version()).isEqualTo(1);
    assertThat(client.isCompatible("things-value", incompatible)).isFalse();
    assertThatThrownBy(() -> client.register("things-value", incompatible))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409));
    client.setCompatibility("things-value", CompatibilityLevel.FULL);
    assertThat(client.compatibility("things-value")).isEqualTo(CompatibilityLevel.FULL);
  }

  @Test
  void shouldRoundTripThroughTheRealRegistry() {
    SchemaRegistry client = client();
    byte[] framed =
        new ConfluentAvroSerializer<AccessLogEvent>(client, true)
            .serialize("access-logs", SampleRecords.accessLogEvent());
    assertThat(
            ConfluentAvroDeserializer.forClass(client(), AccessLogEvent.class)
                .deserialize("access-logs", framed))
        .isEqualTo(SampleRecords.accessLogEvent());
  }
}
