package org.custody.deploy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.proto.Contracts;
import org.custody.proto.FieldClassification;
import org.custody.proto.common.v1.ClassificationProto;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.DataCategoryProto;

/**
 * Derives the data map — which service holds which data category in which fields, and for
 * which purposes its access policy lets that data be read or written — from the contracts'
 * field classifications and the services' checked-in access policies.
 */
final class DataMap {
  private static final String LABELLED = "labelled per value";

  /** category label -> service -> (fields, purposes) */
  private final Map<String, Map<String, Entry>> byCategory = new TreeMap<>();
  /** service -> request field -> how the card-number screen treats it, for the exempt fields */
  private final Map<String, Map<String, String>> cardNumberExceptions = new TreeMap<>();
  /** One row per method of every service: callers and how a front-end call is bound to its subject. */
  private final List<String> methodRows = new ArrayList<>();

  private static final class Entry {
    final Set<String> fields = new TreeSet<>();
    final Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
  }

  static DataMap build() {
    DataMap map = new DataMap();
    for (String service : SuiteOptions.SERVICES) {
      AccessPolicy policy = AccessPolicy.fromResource("/access-policy/" + service + ".yaml");
      for (ServiceDescriptor grpcService : servicesOf(service)) {
        for (MethodDescriptor method : grpcService.getMethods()) {
          String fullName = grpcService.getFullName() + "/" + method.getName();
          Set<Purpose> purposes = policy.purposesFor(fullName);
          if (!policy.rulesFor(fullName).isEmpty()) {
            map.methodRows.add("| " + service + " | `" + fullName + "` | " + String.join(", ", new TreeSet<>(policy.rulesFor(fullName).keySet()))
                + " | " + policy.subjectBinding(fullName).map(org.custody.platform.access.SubjectBinding::describe).orElse("no")
                + " | " + policy.staffAccessField(fullName).map(f -> "recorded (`" + f + "`)").orElse("no") + " |");
          }
          Map<String, Set<String>> fieldsByCategory = new TreeMap<>();
          collect(method.getInputType(), fieldsByCategory, new HashSet<>());
          collectCardNumberExceptions(method.getInputType(), map.cardNumberExceptions.computeIfAbsent(service, k -> new TreeMap<>()), new HashSet<>());
          collect(method.getOutputType(), fieldsByCategory, new HashSet<>());
          fieldsByCategory.forEach((category, fields) -> {
            Entry entry = map.byCategory.computeIfAbsent(category, k -> new TreeMap<>()).computeIfAbsent(service, k -> new Entry());
            entry.fields.addAll(fields);
            entry.purposes.addAll(purposes);
          });
        }
      }
    }
    return map;
  }

  /** The gRPC services a Custody service serves: its own package's, plus SubjectDataService on leaves. */
  static List<ServiceDescriptor> servicesOf(String service) {
    List<ServiceDescriptor> services = new ArrayList<>();
    for (FileDescriptor file : Contracts.files()) {
      for (ServiceDescriptor s : file.getServices()) {
        boolean own = file.getPackage().equals("custody." + service + ".v1");
        boolean subjectData = s.getFullName().equals("custody.common.v1.SubjectDataService") && !service.equals("disclosure");
        if (own || subjectData) {
          services.add(s);
        }
      }
    }
    return services;
  }

  private static void collect(Descriptor message, Map<String, Set<String>> out, Set<String> seen) {
    if (!seen.add(message.getFullName())) {
      return;
    }
    for (FieldDescriptor field : message.getFields()) {
      FieldClassification c = FieldClassification.of(field);
      if (c.category().isPresent()) {
        out.computeIfAbsent(label(c.category().get()), k -> new TreeSet<>()).add(field.getFullName());
      } else if (c.categoryFrom().isPresent()) {
        out.computeIfAbsent(LABELLED, k -> new TreeSet<>()).add(field.getFullName());
      }
      if (field.getType() == FieldDescriptor.Type.MESSAGE && !field.getMessageType().getFile().getPackage().startsWith("google.")) {
        collect(field.getMessageType(), out, seen);
      }
    }
  }

  private static void collectCardNumberExceptions(Descriptor message, Map<String, String> out, Set<String> seen) {
    if (!seen.add(message.getFullName())) {
      return;
    }
    for (FieldDescriptor field : message.getFields()) {
      if (field.getOptions().hasExtension(ClassificationProto.cardNumbers)) {
        out.put(field.getFullName(), field.getOptions().getExtension(ClassificationProto.cardNumbers).name()
            .substring("CARD_NUMBER_HANDLING_".length()).toLowerCase(Locale.ROOT).replace('_', ' '));
      }
      if (field.getType() == FieldDescriptor.Type.MESSAGE && !field.getMessageType().getFile().getPackage().startsWith("google.")) {
        collectCardNumberExceptions(field.getMessageType(), out, seen);
      }
    }
  }

  private static String label(DataCategory category) {
    return category.getValueDescriptor().getOptions().getExtension(DataCategoryProto.fideslangKey);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Data map\n\n")
        .append("Which service holds which category of personal data, in which contract fields, and for which\n")
        .append("purposes its access policy lets callers reach those fields. Generated from the field\n")
        .append("classifications in `proto/` and the access policies in `*-service/src/main/resources/access-policy/`\n")
        .append("by `DataMapTest` (deploy module); the build fails when this file is stale. Regenerate with\n")
        .append("`mvn -B -pl deploy verify -Dcustody.updateDataMap=true`.\n\n")
        .append("Categories are fideslang keys. \"").append(LABELLED).append("\" marks generic export fields whose category is\n")
        .append("given with each value (SubjectDataService exports).\n");
    byCategory.forEach((category, services) -> {
      md.append("\n## ").append(category).append("\n\n| service | purposes allowed | fields |\n|---|---|---|\n");
      services.forEach((service, entry) -> md.append("| ").append(service).append(" | ")
          .append(entry.purposes.isEmpty() ? "(none: no method allowed)" : entry.purposes.stream().map(Enum::name).collect(Collectors.joining(", ")))
          .append(" | ")
          .append(entry.fields.stream().map(f -> "`" + f + "`").collect(Collectors.joining("<br>")))
          .append(" |\n"));
    });
    md.append("\n## Card numbers\n\n")
        .append("Every string field of every request is screened for payment card numbers (P3, see\n")
        .append("docs/card-number-screen.md); a request carrying one is refused. The exceptions are credential\n")
        .append("fields (`user.authorization.credentials`: passwords and tokens, only ever kept as hashes) and the\n")
        .append("fields below, as their contracts declare with `(custody.common.v1.card_numbers)`.\n\n")
        .append("| service | field | handling |\n|---|---|---|\n");
    cardNumberExceptions.forEach((service, fields) -> fields.forEach((field, handling) ->
        md.append("| ").append(service).append(" | `").append(field).append("` | ").append(handling).append(" |\n")));
    md.append("\n## Methods bound to their subject\n\n")
        .append("Which callers each method admits, and whether a `frontend` call must carry the session of the subject it\n")
        .append("names (`x-custody-session`; `subject:` in the access policy). Staff callers are never bound; instead, a\n")
        .append("staff read (`helpdesk`, `operator`) of a method marked `staff_access:` is recorded in the disclosure ledger\n")
        .append("for the subject the named field says, before it is answered (docs/disclosure.md, staff access).\n\n")
        .append("| service | method | callers | subject-bound | staff reads |\n|---|---|---|---|---|\n");
    methodRows.forEach(row -> md.append(row).append('\n'));
    return md.toString();
  }

  Map<String, Map<String, Set<Purpose>>> purposesByCategory() {
    Map<String, Map<String, Set<Purpose>>> result = new LinkedHashMap<>();
    byCategory.forEach((c, services) -> {
      Map<String, Set<Purpose>> m = new LinkedHashMap<>();
      services.forEach((s, e) -> m.put(s, e.purposes));
      result.put(c, m);
    });
    return result;
  }
}
