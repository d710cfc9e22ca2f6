package org.custody.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.DataCategoryProto;
import org.junit.jupiter.api.Test;

/**
 * Every string and bytes field of every Custody contract is classified: a data category, or
 * explicitly not personal, or labelled per value by a sibling DataCategory field. An
 * unclassified field in a message that carries personal data would be invisible to the data
 * map and to reviewers, so the build fails on it.
 */
class ContractClassificationTest {
  @Test
  void contractsList_namesEveryProtoFile() throws IOException {
    List<String> onDisk;
    Path root = Path.of("src/main/proto");
    try (Stream<Path> files = Files.walk(root)) {
      onDisk = files.filter(p -> p.toString().endsWith(".proto")).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
    assertThat(Contracts.files().stream().map(FileDescriptor::getName).sorted().toList())
        .as("org.custody.proto.Contracts must list every contract file")
        .isEqualTo(onDisk);
  }

  @Test
  void everyStringAndBytesField_isClassifiedExactlyOnce() {
    List<String> problems = new ArrayList<>();
    for (FileDescriptor file : Contracts.files()) {
      for (Descriptor message : file.getMessageTypes()) {
        check(message, problems);
      }
    }
    assertThat(problems).as("unclassified or doubly classified fields").isEmpty();
  }

  @Test
  void everyDataCategory_namesItsFideslangKey() {
    for (DataCategory category : DataCategory.values()) {
      if (category == DataCategory.DATA_CATEGORY_UNSPECIFIED || category == DataCategory.UNRECOGNIZED) {
        continue;
      }
      assertThat(category.getValueDescriptor().getOptions().getExtension(DataCategoryProto.fideslangKey))
          .as(category.name()).matches("user(\\.[a-z_]+)*");
    }
  }

  private static void check(Descriptor message, List<String> problems) {
    for (FieldDescriptor field : message.getFields()) {
      FieldClassification classification = FieldClassification.of(field);
      boolean text = field.getType() == FieldDescriptor.Type.STRING || field.getType() == FieldDescriptor.Type.BYTES;
      if (text && classification.count() != 1) {
        problems.add(field.getFullName() + " has " + classification.count() + " classifications (needs exactly one)");
      }
      if (!text && classification.count() > 0 && classification.category().isEmpty()) {
        problems.add(field.getFullName() + " is not text but carries a text classification");
      }
      classification.category().filter(c -> c == DataCategory.DATA_CATEGORY_UNSPECIFIED)
          .ifPresent(c -> problems.add(field.getFullName() + " is classified as UNSPECIFIED"));
      classification.categoryFrom().ifPresent(sibling -> {
        FieldDescriptor source = message.findFieldByName(sibling);
        if (source == null || source.getType() != FieldDescriptor.Type.ENUM
            || !source.getEnumType().getFullName().equals(DataCategory.getDescriptor().getFullName())) {
          problems.add(field.getFullName() + " takes its category from " + sibling + ", which is not a DataCategory field");
        }
      });
    }
    for (Descriptor nested : message.getNestedTypes()) {
      check(nested, problems);
    }
  }
}
