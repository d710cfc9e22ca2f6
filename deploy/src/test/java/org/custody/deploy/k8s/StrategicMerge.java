package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of Kubernetes' strategic merge patch the overlays use, and nothing more: mappings
 * merge key by key (a null value deletes the key); the lists Kubernetes merges by a key
 * (containers and volumes by name, env by name, volume mounts by mountPath, ports by port
 * number) merge item by item, patch items first and then the target's remaining items, as
 * kustomize orders them; every other list is replaced. Patch directives ({@code $patch},
 * {@code $setElementOrder}, ...) are refused rather than misread.
 */
final class StrategicMerge {
  /** List field -> the key its items merge by (Kubernetes' patchMergeKey for these fields). */
  private static final Map<String, String> MERGE_KEYS = Map.of(
      "containers", "name",
      "initContainers", "name",
      "env", "name",
      "volumes", "name",
      "volumeMounts", "mountPath",
      "imagePullSecrets", "name");

  private StrategicMerge() {}

  /** A new tree: {@code target} with {@code patch} merged in; neither argument is modified. */
  static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
    return mergeMaps(target, patch, "");
  }

  private static Map<String, Object> mergeMaps(Map<String, Object> target, Map<String, Object> patch, String path) {
    Map<String, Object> merged = new LinkedHashMap<>(target);
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith("$")) {
        throw new IllegalArgumentException("unsupported patch directive " + key + " at " + path);
      }
      Object value = entry.getValue();
      if (value == null) {
        merged.remove(key);
        continue;
      }
      Object existing = target.get(key);
      merged.put(key, mergeValues(key, existing, value, path + "/" + key));
    }
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static Object mergeValues(String field, Object existing, Object value, String path) {
    if (existing instanceof Map<?, ?> left && value instanceof Map<?, ?> right) {
      return mergeMaps((Map<String, Object>) left, (Map<String, Object>) right, path);
    }
    if (existing instanceof List<?> left && value instanceof List<?> right) {
      String key = mergeKey(field, right);
      if (key != null) {
        return mergeLists((List<Object>) left, (List<Object>) right, key, path);
      }
    }
    return copy(value);
  }

  /** Ports merge by containerPort (containers) or port (Services); the rest by the table. */
  private static String mergeKey(String field, List<?> items) {
    if ("ports".equals(field)) {
      boolean containerPorts = items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("containerPort"));
      return containerPorts ? "containerPort" : "port";
    }
    return MERGE_KEYS.get(field);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> mergeLists(List<Object> target, List<Object> patch, String key, String path) {
    List<Object> merged = new ArrayList<>();
    List<Object> used = new ArrayList<>();
    for (Object item : patch) {
      if (!(item instanceof Map<?, ?> patchItem) || patchItem.get(key) == null) {
        throw new IllegalArgumentException("a patch item at " + path + " has no merge key " + key);
      }
      Object id = patchItem.get(key);
      Map<String, Object> match = null;
      for (Object candidate : target) {
        if (candidate instanceof Map<?, ?> m && Objects.equals(String.valueOf(m.get(key)), String.valueOf(id))) {
          match = (Map<String, Object>) m;
        }
      }
      if (match == null) {
        merged.add(copy(item));
      } else {
        merged.add(mergeMaps(match, (Map<String, Object>) item, path + "[" + key + "=" + id + "]"));
        used.add(match);
      }
    }
    for (Object item : target) {
      if (used.stream().noneMatch(u -> u == item)) {
        merged.add(item);
      }
    }
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, copy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(copy(v)));
      return copy;
    }
    return value;
  }
}
