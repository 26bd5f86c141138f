package io.kspipeline.schemas.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a local registry holds: schemas by global id, the ids of each subject's versions in order,
 * and compatibility levels (key "" is the global level). Plain data, serialized as JSON by the
 * directory store.
 */
public final class RegistryState {
  public Map<Integer, String> schemas = new LinkedHashMap<>();
  public Map<String, List<Integer>> subjects = new LinkedHashMap<>();
  public Map<String, CompatibilityLevel> compatibility = new LinkedHashMap<>();

  List<Integer> versionsOf(String subject) {
    return subjects.computeIfAbsent(subject, s -> new ArrayList<>());
  }
}
