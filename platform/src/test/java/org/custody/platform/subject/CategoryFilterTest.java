package org.custody.platform.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.custody.platform.classification.DataCategory;
import org.junit.jupiter.api.Test;

class CategoryFilterTest {
  @Test
  void includes_followsTheFideslangHierarchy() {
    CategoryFilter financial = CategoryFilter.of(Set.of(DataCategory.USER_FINANCIAL));
    assertThat(financial.includes(DataCategory.USER_FINANCIAL)).isTrue();
    assertThat(financial.includes(DataCategory.USER_FINANCIAL_CREDIT_CARD)).isTrue();
    assertThat(financial.includes(DataCategory.USER_CONTACT_ADDRESS)).isFalse();
    assertThat(CategoryFilter.of(Set.of(DataCategory.USER_FINANCIAL_CREDIT_CARD)).includes(DataCategory.USER_FINANCIAL)).isFalse();
    assertThat(CategoryFilter.of(Set.of(DataCategory.USER)).includes(DataCategory.USER_NAME)).isTrue();
    assertThat(CategoryFilter.all().includes(DataCategory.USER_CONTACT_EMAIL)).isTrue();
  }

  @Test
  void includesNames_onlyWhenIdentifiersAreAsked() {
    assertThat(CategoryFilter.all().includesNames()).isTrue();
    assertThat(CategoryFilter.of(Set.of(DataCategory.USER)).includesNames()).isTrue();
    assertThat(CategoryFilter.of(Set.of(DataCategory.USER_UNIQUE_ID)).includesNames()).isTrue();
    assertThat(CategoryFilter.of(Set.of(DataCategory.USER_CONTACT_EMAIL)).includesNames()).isFalse();
  }
}
