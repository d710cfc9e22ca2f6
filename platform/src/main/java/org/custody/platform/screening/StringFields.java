package org.custody.platform.screening;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Visits every string value of a message, at any depth: nested messages, repeated fields, map
 * keys and values, and fields this contract version does not know (read as UTF-8 text, named by
 * their number). The screens use it; each decides per field what it looks for.
 */
final class StringFields {
  /** What a screen does with one value; {@code field} is null for an unknown field. */
  interface Visitor {
    void visit(String path, FieldDescriptor field, String value);
  }

  private StringFields() {}

  static void visit(Message message, Visitor visitor) {
    scan(message, "", visitor);
  }

  private static void scan(Message message, String prefix, Visitor visitor) {
    scanUnknown(message.getUnknownFields(), prefix, visitor);
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      String path = prefix + field.getName();
      if (field.isMapField()) {
        List<?> entries = (List<?>) entry.getValue();
        for (int i = 0; i < entries.size(); i++) {
          scanMapEntry((Message) entries.get(i), path, i, visitor);
        }
      } else if (field.isRepeated()) {
        List<?> values = (List<?>) entry.getValue();
        for (int i = 0; i < values.size(); i++) {
          check(field, values.get(i), path + "[" + i + "]", visitor);
        }
      } else {
        check(field, entry.getValue(), path, visitor);
      }
    }
  }

  /**
   * A map entry is named by its position ({@code labels[#2]}) when its key is a string: the key
   * may itself be the offender, or personal, and paths are logged.
   */
  private static void scanMapEntry(Message entry, String path, int index, Visitor visitor) {
    FieldDescriptor keyField = entry.getDescriptorForType().findFieldByNumber(1);
    FieldDescriptor valueField = entry.getDescriptorForType().findFieldByNumber(2);
    Object key = entry.getField(keyField);
    String entryPath = path + (key instanceof String ? "[#" + index + "]" : "[" + key + "]");
    if (key instanceof String text) {
      visitor.visit(entryPath, keyField, text);
    }
    check(valueField, entry.getField(valueField), entryPath, visitor);
  }

  private static void scanUnknown(UnknownFieldSet unknown, String prefix, Visitor visitor) {
    for (Map.Entry<Integer, UnknownFieldSet.Field> field : unknown.asMap().entrySet()) {
      String path = prefix + field.getKey();
      for (ByteString bytes : field.getValue().getLengthDelimitedList()) {
        visitor.visit(path, null, bytes.toString(StandardCharsets.UTF_8));
      }
      for (UnknownFieldSet group : field.getValue().getGroupList()) {
        scanUnknown(group, path + ".", visitor);
      }
    }
  }

  private static void check(FieldDescriptor field, Object value, String path, Visitor visitor) {
    if (value instanceof String text) {
      visitor.visit(path, field, text);
    } else if (value instanceof Message nested) {
      scan(nested, path + ".", visitor);
    }
  }
}
