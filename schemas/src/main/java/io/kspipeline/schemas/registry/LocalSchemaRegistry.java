package io.kspipeline.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * A registry for development and tests, with the registry's semantics: global ids shared by
 * identical schemas, versions per subject, compatibility enforced with Avro's own {@link
 * SchemaCompatibility}. Not a server: in memory per JVM ({@code mock://scope}) or in a directory
 * shared by the processes of one machine ({@code file:///path}).
 */
public final class LocalSchemaRegistry implements SchemaRegistry {
  private final SchemaStore store;

  LocalSchemaRegistry(SchemaStore store) {
    this.store = store;
  }

  @Override
  public int register(String subject, Schema schema) {
    String text = schema.toString();
    return store.update(
        state -> {
          List<Integer> versions = state.versionsOf(subject);
          for (int id : versions) {
            if (state.schemas.get(id).equals(text)) {
              return id;
            }
          }
          String incompatibility = incompatibility(state, subject, schema);
          if (incompatibility != null) {
            throw new SchemaRegistryException(
                409,
                SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject
                    + "\": "
                    + incompatibility);
          }
          int id = idOfText(state, text);
          if (id < 0) {
            id = state.schemas.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            state.schemas.put(id, text);
          }
          versions.add(id);
          return id;
        });
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return lookup(subject, schema).id();
  }

  /** The version of the subject that holds the schema; never registers. */
  RegisteredSchema lookup(String subject, Schema schema) {
    String text = schema.toString();
    return store.read(
        state -> {
          List<Integer> versions = state.subjects.get(subject);
          if (versions == null || versions.isEmpty()) {
            throw subjectNotFound(subject);
          }
          for (int v = 0; v < versions.size(); v++) {
            if (state.schemas.get(versions.get(v)).equals(text)) {
              return new RegisteredSchema(subject, v + 1, versions.get(v), schema);
            }
          }
          throw new SchemaRegistryException(
              404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found under " + subject);
        });
  }

  @Override
  public Schema schemaById(int id) {
    String text = store.read(state -> state.schemas.get(id));
    if (text == null) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
    return new Schema.Parser().parse(text);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return store.read(
        state -> {
          List<Integer> versions = state.subjects.get(subject);
          if (versions == null || versions.isEmpty()) {
            throw subjectNotFound(subject);
          }
          int id = versions.get(versions.size() - 1);
          return new RegisteredSchema(
              subject, versions.size(), id, new Schema.Parser().parse(state.schemas.get(id)));
        });
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return store.read(state -> incompatibility(state, subject, schema) == null);
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    return store.read(state -> levelOf(state, subject));
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    Objects.requireNonNull(level, "level");
    store.update(state -> state.compatibility.put(subject == null ? "" : subject, level));
  }

  private static CompatibilityLevel levelOf(RegistryState state, String subject) {
    Map<String, CompatibilityLevel> levels = state.compatibility;
    if (subject != null && levels.containsKey(subject)) {
      return levels.get(subject);
    }
    return levels.getOrDefault("", CompatibilityLevel.BACKWARD);
  }

  /** Why the schema may not follow the subject's versions, or null when it may. */
  private static String incompatibility(RegistryState state, String subject, Schema candidate) {
    CompatibilityLevel level = levelOf(state, subject);
    List<Integer> versions = state.subjects.getOrDefault(subject, List.of());
    if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
      return null;
    }
    List<Integer> checked =
        level.transitive() ? versions : List.of(versions.get(versions.size() - 1));
    List<String> problems = new ArrayList<>();
    for (int id : checked) {
      Schema existing = new Schema.Parser().parse(state.schemas.get(id));
      if (level.checksBackward()) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing), problems);
      }
      if (level.checksForward()) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate), problems);
      }
    }
    return problems.isEmpty() ? null : level + " check failed: " + String.join("; ", problems);
  }

  private static void describe(SchemaPairCompatibility result, List<String> problems) {
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      result
          .getResult()
          .getIncompatibilities()
          .forEach(
              i -> problems.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage()));
    }
  }

  private static int idOfText(RegistryState state, String text) {
    return state.schemas.entrySet().stream()
        .filter(e -> e.getValue().equals(text))
        .mapToInt(Map.Entry::getKey)
        .findFirst()
        .orElse(-1);
  }

  private static SchemaRegistryException subjectNotFound(String subject) {
    return new SchemaRegistryException(
        404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found");
  }
}
