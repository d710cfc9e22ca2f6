package org.custody.analytics.privacy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.junit.jupiter.api.Test;

class NoiseRequirementTest {
  @Test
  void P6_researchWithoutNoise_isPermissionDenied() {
    assertThatThrownBy(() -> NoiseRequirement.check(Purpose.RESEARCH, false))
        .isInstanceOfSatisfying(DomainException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo("NOISY_MODE_REQUIRED"));
    assertThatCode(() -> NoiseRequirement.check(Purpose.RESEARCH, true)).doesNotThrowAnyException();
    assertThatCode(() -> NoiseRequirement.check(Purpose.SERVICE_IMPROVEMENT, false)).doesNotThrowAnyException();
  }
}
