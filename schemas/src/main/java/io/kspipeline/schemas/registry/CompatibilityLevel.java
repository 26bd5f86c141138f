package io.kspipeline.schemas.registry;

/** Schema Registry compatibility levels; BACKWARD is the registry's default. */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /** New readers must read data written with older schemas. */
  public boolean checksBackward() {
    return this == BACKWARD
        || this == BACKWARD_TRANSITIVE
        || this == FULL
        || this == FULL_TRANSITIVE;
  }

  /** Old readers must read data written with the new schema. */
  public boolean checksForward() {
    return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
  }

  /** Against every earlier version rather than only the latest. */
  public boolean transitive() {
    return name().endsWith("_TRANSITIVE");
  }
}
