package io.kspipeline.schemas.registry;

import java.util.function.Function;

/** State in this JVM only (the {@code mock://scope} registries). */
final class InMemorySchemaStore implements SchemaStore {
  private final RegistryState state = new RegistryState();

  @Override
  public synchronized <T> T update(Function<RegistryState, T> operation) {
    return operation.apply(state);
  }

  @Override
  public synchronized <T> T read(Function<RegistryState, T> operation) {
    return operation.apply(state);
  }
}
