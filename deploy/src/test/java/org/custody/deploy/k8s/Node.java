package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only navigation through a parsed YAML tree. A step that leads nowhere yields a missing
 * node instead of a NullPointerException, so a check reads like the manifest it inspects:
 * {@code pod.at("spec.securityContext.runAsNonRoot").isTrue()}.
 */
final class Node {
  private static final Node MISSING = new Node(null);

  private final Object value;

  private Node(Object value) {
    this.value = value;
  }

  static Node of(Object value) {
    return value == null ? MISSING : new Node(value);
  }

  /** The child under {@code key}, or a missing node when this is not a mapping or has no such key. */
  Node get(String key) {
    return value instanceof Map<?, ?> map ? of(map.get(key)) : MISSING;
  }

  /** Follows dot-separated keys: {@code at("spec.template.spec")}. */
  Node at(String dottedPath) {
    Node node = this;
    for (String key : dottedPath.split("\\.")) {
      node = node.get(key);
    }
    return node;
  }

  /** The elements of a sequence; empty when this is missing or not a sequence. */
  List<Node> items() {
    List<Node> items = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> items.add(of(item)));
    }
    return items;
  }

  /** The entries of a mapping, in document order; empty when this is missing or not a mapping. */
  Map<String, Node> entries() {
    Map<String, Node> entries = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, child) -> entries.put(String.valueOf(key), of(child)));
    }
    return entries;
  }

  /** A mapping of scalars as strings (labels, selectors). */
  Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    entries().forEach((key, child) -> labels.put(key, child.text()));
    return labels;
  }

  boolean isMissing() {
    return value == null;
  }

  boolean isPresent() {
    return value != null;
  }

  boolean isMap() {
    return value instanceof Map<?, ?>;
  }

  /** True only for a YAML boolean true (a string "true" is not a boolean to Kubernetes either). */
  boolean isTrue() {
    return Boolean.TRUE.equals(value);
  }

  boolean isFalse() {
    return Boolean.FALSE.equals(value);
  }

  /** The scalar as text, or null when missing or not a scalar. */
  String text() {
    return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? null : String.valueOf(value);
  }

  /** The scalar as an integer, when it is one (YAML int, or a string of digits). */
  Optional<Long> integer() {
    if (value instanceof Number number) {
      return Optional.of(number.longValue());
    }
    String text = text();
    if (text != null && text.matches("-?\\d+")) {
      return Optional.of(Long.parseLong(text));
    }
    return Optional.empty();
  }

  Object raw() {
    return value;
  }

  @Override
  public String toString() {
    return String.valueOf(value);
  }
}
