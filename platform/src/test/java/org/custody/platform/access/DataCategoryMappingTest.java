package org.custody.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.custody.platform.classification.DataCategory;
import org.custody.proto.common.v1.DataCategoryProto;
import org.junit.jupiter.api.Test;

/** The Java mirrors of the contract enums stay in step with the contracts. */
class DataCategoryMappingTest {
  @Test
  void everyContractCategory_hasAMirrorWithTheSameFideslangKey() {
    for (var proto : org.custody.proto.common.v1.DataCategory.values()) {
      if (proto == org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_UNSPECIFIED
          || proto == org.custody.proto.common.v1.DataCategory.UNRECOGNIZED) {
        continue;
      }
      DataCategory mirror = DataCategory.fromProto(proto);
      String key = proto.getValueDescriptor().getOptions().getExtension(DataCategoryProto.fideslangKey);
      assertThat(mirror.fideslangKey()).isEqualTo(key);
      assertThat(mirror.toProto()).isEqualTo(proto);
    }
    assertThat(DataCategory.values()).hasSize(org.custody.proto.common.v1.DataCategory.values().length - 2);
  }

  @Test
  void everyContractPurpose_hasAMirror() {
    for (var proto : org.custody.proto.common.v1.Purpose.values()) {
      if (proto == org.custody.proto.common.v1.Purpose.PURPOSE_UNSPECIFIED || proto == org.custody.proto.common.v1.Purpose.UNRECOGNIZED) {
        continue;
      }
      assertThat(Purpose.fromProto(proto).toProto()).isEqualTo(proto);
    }
    assertThat(Purpose.values()).hasSize(org.custody.proto.common.v1.Purpose.values().length - 2);
  }
}
