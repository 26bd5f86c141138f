package io.kspipeline.schemas.registry;

import java.util.function.Function;

/** Where a local registry keeps its state; every operation runs under the store's lock. */
interface SchemaStore {
  /** Runs the operation on the current state under an exclusive lock and saves any change. */
  <T> T update(Function<RegistryState, T> operation);

  /** Runs a read-only operation on the current state. */
  <T> T read(Function<RegistryState, T> operation);
}
