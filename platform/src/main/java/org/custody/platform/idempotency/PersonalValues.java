package org.custody.platform.idempotency;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custody.proto.FieldClassification;

/**
 * Which fields of a message hold personal data (a field classified with a data category, or
 * labelled by a sibling category) with a value set, at any depth. Names fields, never values.
 */
final class PersonalValues {
  private PersonalValues() {}

  /** The paths of the set personal fields, e.g. {@code consent.subject.email}. */
  static List<String> paths(Message message) {
    List<String> paths = new ArrayList<>();
    collect(message, "", paths);
    return paths;
  }

  private static void collect(Message message, String prefix, List<String> paths) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      String path = prefix + field.getName();
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (field.isRepeated()) {
          for (Object item : (List<?>) entry.getValue()) {
            collect((Message) item, path + ".", paths);
          }
        } else {
          collect((Message) entry.getValue(), path + ".", paths);
        }
      } else if (FieldClassification.of(field).personal() && !paths.contains(path)) {
        paths.add(path);
      }
    }
  }
}
