package org.custody.proto;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Optional;
import org.custody.proto.common.v1.ClassificationProto;
import org.custody.proto.common.v1.DataCategory;

/**
 * How a contract field is classified: a data category, explicitly not personal, or labelled per
 * value by a sibling DataCategory field.
 */
public record FieldClassification(Optional<DataCategory> category, boolean notPersonal, Optional<String> categoryFrom) {

  public static FieldClassification of(FieldDescriptor field) {
    var options = field.getOptions();
    Optional<DataCategory> category = options.hasExtension(ClassificationProto.category)
        ? Optional.of(options.getExtension(ClassificationProto.category)) : Optional.empty();
    boolean notPersonal = options.hasExtension(ClassificationProto.notPersonal) && options.getExtension(ClassificationProto.notPersonal);
    Optional<String> from = options.hasExtension(ClassificationProto.categoryFrom)
        ? Optional.of(options.getExtension(ClassificationProto.categoryFrom)) : Optional.empty();
    return new FieldClassification(category, notPersonal, from);
  }

  /** How many of the three classifications the field carries (exactly one is required). */
  public int count() {
    return (category.isPresent() ? 1 : 0) + (notPersonal ? 1 : 0) + (categoryFrom.isPresent() ? 1 : 0);
  }

  /** Whether the field holds personal data. */
  public boolean personal() {
    return category.isPresent() || categoryFrom.isPresent();
  }
}
