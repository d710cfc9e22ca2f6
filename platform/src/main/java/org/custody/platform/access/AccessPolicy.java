package org.custody.platform.access;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A service's checked-in access policy: for each gRPC method, which callers may call it and for
 * which purposes. Anything not listed is refused (default deny).
 *
 * <pre>
 * service: identity
 * methods:
 *   custody.identity.v1.SessionService/Login:
 *     frontend: [AUTHENTICATION]
 * </pre>
 *
 * <p>A method entry may also carry {@code subject:}, which is not a caller but the method's
 * {@link SubjectBinding}, and {@code staff_access:}, the field naming the one subject whose
 * personal data a staff caller ({@link #STAFF_CALLERS}) reads through the method: such reads are
 * recorded in the ledger before they are answered (see {@code StaffAccessInterceptor}).
 */
public final class AccessPolicy {
  /** Why a call was allowed or refused; the refusals are ErrorInfo reasons. */
  public enum Outcome {
    ALLOWED,
    METHOD_NOT_IN_POLICY,
    CALLER_NOT_ALLOWED,
    PURPOSE_NOT_ALLOWED
  }

  /** The key of a method's entry that declares its {@link SubjectBinding} (not a caller). */
  static final String SUBJECT_KEY = "subject";
  /** The key of a method's entry that names the field of the subject a staff read is about (not a caller). */
  static final String STAFF_ACCESS_KEY = "staff_access";
  /** The staff callers whose reads of one subject's data are recorded (issue 13 §5). */
  public static final Set<String> STAFF_CALLERS = Set.of("helpdesk", "operator");

  private final String service;
  private final Map<String, Map<String, Set<Purpose>>> rules;
  private final Map<String, SubjectBinding> subjects;
  private final Map<String, String> staffAccess;

  private AccessPolicy(String service, Map<String, Map<String, Set<Purpose>>> rules, Map<String, SubjectBinding> subjects,
      Map<String, String> staffAccess) {
    this.service = service;
    this.rules = rules;
    this.subjects = subjects;
    this.staffAccess = staffAccess;
  }

  /** Loads a policy from a classpath resource such as {@code /access-policy/identity.yaml}. */
  public static AccessPolicy fromResource(String resource) {
    try (InputStream in = AccessPolicy.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("access policy " + resource + " not found on the classpath");
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static AccessPolicy parse(InputStream in, String origin) {
    Object loaded = loadYaml(in, origin);
    if (!(loaded instanceof Map<?, ?> root) || !(root.get("service") instanceof String service)) {
      throw new IllegalStateException(origin + ": expected a map with 'service' and 'methods'");
    }
    Map<String, Map<String, Set<Purpose>>> rules = new LinkedHashMap<>();
    Map<String, SubjectBinding> subjects = new LinkedHashMap<>();
    Map<String, String> staffAccess = new LinkedHashMap<>();
    Object methods = root.get("methods");
    if (methods != null && !(methods instanceof Map)) {
      throw new IllegalStateException(origin + ": 'methods' must be a map");
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Object, Object> method : ((Map<Object, Object>) (methods == null ? Map.of() : methods)).entrySet()) {
      if (!(method.getKey() instanceof String methodName)) {
        // Found by fuzzing: a numeric key was cast to String and failed with ClassCastException.
        problems.add(method.getKey() + ": a method name must be text");
        continue;
      }
      Map<String, Set<Purpose>> callers = new LinkedHashMap<>();
      if (!(method.getValue() instanceof Map<?, ?> callerMap)) {
        problems.add(methodName + ": expected caller -> [purposes]");
        continue;
      }
      for (Map.Entry<?, ?> caller : callerMap.entrySet()) {
        if (SUBJECT_KEY.equals(caller.getKey())) {
          subjectBinding(caller.getValue()).ifPresentOrElse(b -> subjects.put(methodName, b),
              () -> problems.add(methodName + " / subject: expected a field path, {field: ..., optional: true} or {checked_by: service}"));
          continue;
        }
        if (STAFF_ACCESS_KEY.equals(caller.getKey())) {
          if (caller.getValue() instanceof String field && !field.isBlank()) {
            staffAccess.put(methodName, field);
          } else {
            problems.add(methodName + " / staff_access: expected the path of the field naming the subject's account");
          }
          continue;
        }
        purposes(methodName + " / " + caller.getKey(), caller.getValue(), problems)
            .ifPresent(purposes -> callers.put(String.valueOf(caller.getKey()), purposes));
      }
      rules.put(methodName, Map.copyOf(callers));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(origin + ": " + String.join("; ", problems));
    }
    return new AccessPolicy(service, Map.copyOf(rules), Map.copyOf(subjects), Map.copyOf(staffAccess));
  }

  private static Object loadYaml(InputStream in, String origin) {
    try {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (YAMLException | IllegalArgumentException e) {
      // Found by fuzzing: malformed YAML or bytes that are not UTF-8 escaped as YAMLException, and
      // SnakeYAML's constructors throw IllegalArgumentException (a !!binary value that is not Base64).
      throw new IllegalStateException(origin + ": not valid YAML (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** One caller's purposes ({@code value}: a non-empty list of purpose names); what is wrong goes to {@code problems}. */
  private static Optional<Set<Purpose>> purposes(String where, Object value, List<String> problems) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      problems.add(where + ": expected a non-empty list of purposes");
      return Optional.empty();
    }
    Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    for (Object p : list) {
      Purpose.parse(String.valueOf(p)).ifPresentOrElse(purposes::add, () -> problems.add(where + ": unknown purpose " + p));
    }
    return Optional.of(Set.copyOf(purposes));
  }

  private static Optional<SubjectBinding> subjectBinding(Object value) {
    if (value instanceof String field && !field.isBlank()) {
      return Optional.of(SubjectBinding.onField(field));
    }
    if (value instanceof Map<?, ?> map) {
      if ("service".equals(map.get("checked_by")) && map.size() == 1) {
        return Optional.of(SubjectBinding.checkedByService());
      }
      if (map.get("field") instanceof String field && !field.isBlank()) {
        return Optional.of(new SubjectBinding(Optional.of(field), Boolean.TRUE.equals(map.get("optional"))));
      }
    }
    return Optional.empty();
  }

  public String service() {
    return service;
  }

  public Outcome decide(String fullMethodName, String caller, Purpose purpose) {
    Map<String, Set<Purpose>> callers = rules.get(fullMethodName);
    if (callers == null) {
      return Outcome.METHOD_NOT_IN_POLICY;
    }
    Set<Purpose> purposes = callers.get(caller);
    if (purposes == null) {
      return Outcome.CALLER_NOT_ALLOWED;
    }
    return purposes.contains(purpose) ? Outcome.ALLOWED : Outcome.PURPOSE_NOT_ALLOWED;
  }

  /** Every purpose any caller may use the method for. */
  public Set<Purpose> purposesFor(String fullMethodName) {
    Set<Purpose> all = EnumSet.noneOf(Purpose.class);
    rules.getOrDefault(fullMethodName, Map.of()).values().forEach(all::addAll);
    return all;
  }

  /** The callers named for the method, with their purposes. */
  public Map<String, Set<Purpose>> rulesFor(String fullMethodName) {
    return rules.getOrDefault(fullMethodName, Map.of());
  }

  /**
   * How the method is tied to the subject it acts on when a caller acting for a signed-in person
   * calls it; empty for methods that do not read or change one subject's personal data.
   */
  public Optional<SubjectBinding> subjectBinding(String fullMethodName) {
    return Optional.ofNullable(subjects.get(fullMethodName));
  }

  /** Whether any method is bound to its subject by the platform (needs a session validator). */
  public boolean bindsSubjects() {
    return subjects.values().stream().anyMatch(SubjectBinding::checkedByPlatform);
  }

  /**
   * The field naming the one subject whose personal data a staff caller reads through the method
   * ({@code staff_access:}); empty for methods whose staff reads are not recorded.
   */
  public Optional<String> staffAccessField(String fullMethodName) {
    return Optional.ofNullable(staffAccess.get(fullMethodName));
  }

  /** Whether any method's staff reads are recorded (needs a staff access log). */
  public boolean recordsStaffAccess() {
    return !staffAccess.isEmpty();
  }

  /** Every caller named anywhere in the policy. */
  public Set<String> callers() {
    Set<String> callers = new TreeSet<>();
    rules.values().forEach(m -> callers.addAll(m.keySet()));
    return callers;
  }

  public Set<String> methods() {
    return rules.keySet();
  }

  /**
   * Fails fast when the policy names a method the server does not serve: a typo there would
   * otherwise silently deny a method the author meant to allow.
   */
  public void checkCovers(Collection<ServerServiceDefinition> services) {
    Set<String> served = new HashSet<>();
    for (ServerServiceDefinition definition : services) {
      definition.getMethods().forEach(m -> served.add(m.getMethodDescriptor().getFullMethodName()));
    }
    List<String> unknown = rules.keySet().stream().filter(m -> !served.contains(m)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("access policy of " + service + " names methods the server does not serve: " + unknown);
    }
  }

  /** Convenience for tests and the data map: the full method name of a descriptor. */
  public static String methodName(MethodDescriptor<?, ?> method) {
    return method.getFullMethodName();
  }
}
