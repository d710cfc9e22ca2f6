package org.custody.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/data-map.md is generated from the contracts and access policies, and must be current. */
class DataMapTest {
  private static final Path COMMITTED = Path.of("../docs/data-map.md");

  @Test
  void dataMap_isCurrent() throws IOException {
    String generated = DataMap.build().markdown();
    if (Boolean.getBoolean("custody.updateDataMap")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, generated);
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/data-map.md"), generated);
    assertThat(Files.exists(COMMITTED)).as("docs/data-map.md exists").isTrue();
    assertThat(Files.readString(COMMITTED))
        .as("docs/data-map.md is stale: regenerate with mvn -B -pl deploy verify -Dcustody.updateDataMap=true "
            + "(the fresh copy is in deploy/target/data-map.md)")
        .isEqualTo(generated);
  }

  @Test
  void P3_paymentAndAddressData_areHeldOnlyByBilling() {
    var map = DataMap.build().purposesByCategory();
    assertThat(map.get("user.financial.credit_card").keySet()).containsExactly("billing");
    assertThat(map.get("user.contact.address").keySet()).containsExactly("billing");
  }
}
