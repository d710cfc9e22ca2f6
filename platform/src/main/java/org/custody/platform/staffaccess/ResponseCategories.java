package org.custody.platform.staffaccess;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.custody.platform.classification.DataCategory;
import org.custody.proto.common.v1.ClassificationProto;

/**
 * The data categories a method returns, read from the contract's classification of its response
 * message (every field classified with {@code (custody.common.v1.category)}, nested messages
 * included): what a staff access entry says was looked at, without looking at the data.
 */
final class ResponseCategories {
  private ResponseCategories() {}

  static Set<DataCategory> of(Descriptor response) {
    Set<DataCategory> found = EnumSet.noneOf(DataCategory.class);
    collect(response, found, new HashSet<>());
    return found;
  }

  private static void collect(Descriptor type, Set<DataCategory> found, Set<String> seen) {
    if (!seen.add(type.getFullName())) {
      return;
    }
    for (FieldDescriptor field : type.getFields()) {
      if (field.getOptions().hasExtension(ClassificationProto.category)) {
        found.add(DataCategory.fromProto(field.getOptions().getExtension(ClassificationProto.category)));
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && field.getMessageType().getFullName().startsWith("custody.")) {
        collect(field.getMessageType(), found, seen);
      }
    }
  }
}
