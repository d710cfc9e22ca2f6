package org.custody.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strategic merge subset the overlays rely on, as kubectl applies it. */
class StrategicMergeTest {
  @Test
  void apply_mergesEnvByNamePatchItemsFirst() {
    Map<String, Object> merged = StrategicMerge.apply(
        yaml("env: [{name: A, value: '1'}, {name: B, value: '2'}]"),
        yaml("env: [{name: C, value: '3'}, {name: A, value: '9'}]"));
    assertThat(merged).isEqualTo(yaml("env: [{name: C, value: '3'}, {name: A, value: '9'}, {name: B, value: '2'}]"));
  }

  @Test
  void apply_nullDeletesAKey() {
    assertThat(StrategicMerge.apply(yaml("a: {b: 1, c: 2}"), yaml("a: {b: null}"))).isEqualTo(yaml("a: {c: 2}"));
  }

  @Test
  void apply_replacesListsWithoutAMergeKey() {
    assertThat(StrategicMerge.apply(yaml("args: [a, b]"), yaml("args: [c]"))).isEqualTo(yaml("args: [c]"));
  }

  @Test
  void apply_refusesDirectives() {
    assertThatThrownBy(() -> StrategicMerge.apply(yaml("a: 1"), yaml("$patch: replace")))
        .hasMessageContaining("unsupported patch directive");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return new LinkedHashMap<>((Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(text));
  }
}
