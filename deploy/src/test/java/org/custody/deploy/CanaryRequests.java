package org.custody.deploy;

import build.buf.validate.FieldRules;
import build.buf.validate.ValidateProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;

/**
 * The canary walk's requests (ContractCanaryIT): every RPC of the four services with a caller
 * its access policy allows, and request messages built from the descriptors with every string
 * field set to a canary.
 */
final class CanaryRequests {
  /** Values tried, in order, for a field whose format rule a canary cannot meet. */
  private final List<String> fixtures;
  /** Numbers every canary of the run, so a stored one names the one field it was sent in. */
  private int counter;

  CanaryRequests(List<String> fixtures) {
    this.fixtures = List.copyOf(fixtures);
  }

  /** One RPC with a caller and purpose its service's policy allows. */
  record Rpc(String service, MethodDescriptor method, String caller, Purpose purpose) {
    String fullName() {
      return method.getService().getFullName() + "/" + method.getName();
    }
  }

  static List<Rpc> rpcs(Set<String> unreached) {
    List<Rpc> rpcs = new ArrayList<>();
    for (String service : SuiteOptions.SERVICES) {
      AccessPolicy policy = AccessPolicy.fromResource("/access-policy/" + service + ".yaml");
      for (ServiceDescriptor grpcService : DataMap.servicesOf(service)) {
        for (MethodDescriptor method : grpcService.getMethods()) {
          Map<String, Set<Purpose>> rules = policy.rulesFor(grpcService.getFullName() + "/" + method.getName());
          if (rules.isEmpty()) {
            unreached.add(service + " " + method.getFullName() + ": no caller is allowed by the access policy");
            continue;
          }
          Map.Entry<String, Set<Purpose>> rule = rules.entrySet().iterator().next();
          rpcs.add(new Rpc(service, method, rule.getKey(), rule.getValue().iterator().next()));
        }
      }
    }
    return rpcs;
  }

  /**
   * Requests of {@code type} with every string field set: one per oneof alternative (the most
   * alternatives any oneof of the message tree has), each with an unknown field carrying the
   * first value too (card walk). With {@code formatAware}, a field whose format rule the value breaks gets
   * the first fixture that meets it instead (or stays empty, reported).
   */
  List<DynamicMessage> requests(Descriptor type, BiFunction<FieldDescriptor, Integer, String> value,
      Set<String> unreached, boolean formatAware) {
    int variants = Math.max(1, maxAlternatives(type, new java.util.HashSet<>()));
    List<DynamicMessage> requests = new ArrayList<>();
    for (int variant = 0; variant < variants; variant++) {
      DynamicMessage.Builder b = fill(type, value, variant, unreached, formatAware, 0, type.getFullName());
      if (!formatAware) {
        // An unknown field too (the e-mail screen refuses one in any unknown field, so the
        // classification walk leaves it out).
        String smuggled = value.apply(null, counter++);
        b.setUnknownFields(UnknownFieldSet.newBuilder().addField(9999,
            UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(smuggled)).build()).build());
      }
      requests.add(b.build());
    }
    return requests;
  }

  private DynamicMessage.Builder fill(Descriptor type, BiFunction<FieldDescriptor, Integer, String> value, int variant,
      Set<String> unreached, boolean formatAware, int depth, String path) {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
    for (FieldDescriptor field : type.getFields()) {
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null && oneof.getFields().indexOf(field) != variant % oneof.getFieldCount()) {
        continue;
      }
      String fieldPath = path + "." + field.getName();
      if (field.isMapField()) {
        Descriptor entry = field.getMessageType();
        DynamicMessage.Builder e = DynamicMessage.newBuilder(entry);
        FieldDescriptor key = entry.findFieldByNumber(1);
        FieldDescriptor val = entry.findFieldByNumber(2);
        if (key.getJavaType() == FieldDescriptor.JavaType.STRING) {
          e.setField(key, value.apply(field, counter++));
        }
        if (val.getJavaType() == FieldDescriptor.JavaType.STRING) {
          e.setField(val, value.apply(field, counter++));
        }
        b.addRepeatedField(field, e.build());
      } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING) {
        String v = value.apply(field, counter++);
        if (formatAware && isUuid(field)) {
          v = UUID.randomUUID().toString();
        } else if (formatAware && !meetsFormat(field, v)) {
          v = fixtures.stream().filter(f -> meetsFormat(field, f)).findFirst().orElse(null);
          if (v == null) {
            unreached.add(fieldPath + ": its format rule admits neither this canary nor a fixture");
            continue;
          }
        }
        if (field.isRepeated()) {
          b.addRepeatedField(field, v);
        } else {
          b.setField(field, v);
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (depth >= 6 || field.getMessageType().getFullName().equals("google.protobuf.Struct")) {
          unreached.add(fieldPath + ": nested deeper than the walk goes");
          continue;
        }
        DynamicMessage nested = fill(field.getMessageType(), value, variant, unreached, formatAware, depth + 1, fieldPath).build();
        if (field.isRepeated()) {
          b.addRepeatedField(field, nested);
        } else {
          b.setField(field, nested);
        }
      }
    }
    return b;
  }

  private static int maxAlternatives(Descriptor type, Set<String> seen) {
    if (!seen.add(type.getFullName())) {
      return 1;
    }
    int max = 1;
    for (OneofDescriptor oneof : type.getRealOneofs()) {
      max = Math.max(max, oneof.getFieldCount());
    }
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        max = Math.max(max, maxAlternatives(field.getMessageType(), seen));
      }
    }
    return max;
  }

  private static boolean isUuid(FieldDescriptor field) {
    return field.getOptions().hasExtension(ValidateProto.field) && field.getOptions().getExtension(ValidateProto.field).getString().getUuid();
  }

  /** Whether a value meets the field's protovalidate string format rules (pattern, uuid, email, ip). */
  private static boolean meetsFormat(FieldDescriptor field, String v) {
    if (!field.getOptions().hasExtension(ValidateProto.field)) {
      return true;
    }
    FieldRules rules = field.getOptions().getExtension(ValidateProto.field);
    if (!rules.hasString()) {
      return true;
    }
    var s = rules.getString();
    if (s.hasPattern() && !Pattern.compile(s.getPattern()).matcher(v).find()) {
      return false;
    }
    if (s.getUuid()) {
      return false;
    }
    if (s.getEmail() && !v.contains("@")) {
      return false;
    }
    if ((s.getIp() || s.getIpv4() || s.getIpv6()) && !v.equals("192.0.2.1")) {
      return false;
    }
    if (s.hasMaxLen() && v.length() > s.getMaxLen()) {
      return false;
    }
    return s.getInCount() == 0 || s.getInList().contains(v);
  }
}
