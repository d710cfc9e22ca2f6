package org.custody.platform.staffaccess;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.session.SubjectBindingInterceptor;
import org.custody.proto.common.v1.SubjectRef;

/**
 * Whose data a staff read is about, from the request field the access policy names: a string
 * holding an account or a resource under it ({@code name}, {@code parent}), or a
 * {@code custody.common.v1.SubjectRef} (a subject known by account or by e-mail).
 */
final class StaffAccessSubject {
  /** The account a field names: the field itself or the account prefix of a resource name. */
  private static final Pattern ACCOUNT = Pattern.compile("^(projects/[^/]+/accounts/[^/]+)(/.*)?$");

  private StaffAccessSubject() {}

  static Optional<StaffAccess> of(Message request, String path, String caller, String method, Purpose purpose, Set<DataCategory> categories) {
    Optional<Object> value = valueAt(request, path);
    if (value.isPresent() && value.get() instanceof SubjectRef ref) {
      if (ref.hasAccount()) {
        return Optional.of(new StaffAccess(ref.getProject(), Optional.of(ref.getAccount()), Optional.empty(), caller, method, purpose, categories));
      }
      if (ref.hasEmail()) {
        return Optional.of(new StaffAccess(ref.getProject(), Optional.empty(), Optional.of(ref.getEmail()), caller, method, purpose, categories));
      }
      return Optional.empty();
    }
    if (value.isPresent() && value.get() instanceof String named) {
      Matcher account = ACCOUNT.matcher(named);
      if (account.matches()) {
        return Optional.of(StaffAccess.ofAccount(account.group(1), caller, method, purpose, categories));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code path} leads through singular messages to a singular string or a SubjectRef. */
  static boolean pathExists(Descriptor type, String path) {
    if (SubjectBindingInterceptor.pathExists(type, path)) {
      return true;
    }
    Descriptor current = type;
    String[] parts = path.split("\\.");
    for (String part : parts) {
      FieldDescriptor field = current == null ? null : current.findFieldByName(part);
      if (field == null || field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        return false;
      }
      current = field.getMessageType();
    }
    return current.getFullName().equals(SubjectRef.getDescriptor().getFullName());
  }

  /** The value at a dotted path of singular message fields; empty where a message on the way is unset. */
  private static Optional<Object> valueAt(Message message, String path) {
    Message current = message;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      FieldDescriptor field = current.getDescriptorForType().findFieldByName(parts[i]);
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !current.hasField(field)) {
        return Optional.empty();
      }
      if (i == parts.length - 1) {
        return Optional.of(current.getField(field));
      }
      current = (Message) current.getField(field);
    }
    return Optional.empty();
  }
}
