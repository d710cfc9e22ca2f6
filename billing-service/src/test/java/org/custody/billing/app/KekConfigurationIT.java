package org.custody.billing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.billing.testing.Requests.createProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custody.billing.crypto.RootKey;
import org.custody.billing.testing.BillingTestServer;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.testkit.TestDatabases;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.RotateKeyEncryptionKeyRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Where the key-encryption key comes from, across restarts; and that it is never logged. */
class KekConfigurationIT {
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  /** Each test starts from an empty database of its own: key versions are per database. */
  private final DatabaseSettings database = TestDatabases.fresh("kekconfig");

  @AfterEach
  void drop() {
    TestDatabases.drop(database);
  }

  /** The base64 key values inside a Tink JSON keyset. */
  private static List<String> keyMaterial(String keysetJson) {
    List<String> values = new ArrayList<>();
    Matcher m = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(keysetJson);
    while (m.find()) {
      values.add(m.group(1));
    }
    assertThat(values).isNotEmpty();
    return values;
  }

  @Test
  void P3_kekFromConfiguration_survivesRestartsAndIsNeverLogged() {
    String kek = RootKey.generateJson();
    BillingProfile created;
    try (LogCapture logs = LogCapture.start()) {
      try (BillingTestServer first = BillingTestServer.start(database, clock, BillingTestServer.config(database, kek, 500))) {
        created = first.frontend().createBillingProfile(createProfile("r1")).getBillingProfile();
        first.keys().rotateKeyEncryptionKey(RotateKeyEncryptionKeyRequest.getDefaultInstance());
      }
      try (BillingTestServer second = BillingTestServer.start(database, clock, BillingTestServer.config(database, kek, 500))) {
        assertThat(second.frontend().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(created.getName()).build())
            .getBillingProfile()).isEqualTo(created);
      }
      String text = logs.text();
      for (String material : keyMaterial(kek)) {
        assertThat(text.contains(material)).as("key material in the logs").isFalse();
      }
      assertThat(text).doesNotContain("Ada Lovelace");
    }
  }

  @Test
  void start_withAnotherKeysetThanTheDatabaseWasCreatedWith_failsFast() {
    try (BillingTestServer first = BillingTestServer.start(database, clock)) {
      first.frontend().createBillingProfile(createProfile("r2"));
    }
    String other = RootKey.generateJson();
    assertThatThrownBy(() -> BillingTestServer.start(database, clock, BillingTestServer.config(database, other, 500)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not open key-encryption-key version")
        .satisfies(e -> keyMaterial(other).forEach(m -> assertThat(e.getMessage().contains(m)).isFalse()));
  }

  @Test
  void embeddedDefault_generatesTheKeysetOwnerOnlyUnderHomeAndReusesIt(@TempDir Path home) throws Exception {
    BillingConfig config = new BillingConfig(new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.empty(), home));
    Path file = home.resolve("secrets/billing-kek.json");
    BillingProfile created;
    try (BillingTestServer first = BillingTestServer.start(database, clock, config)) {
      created = first.frontend().createBillingProfile(createProfile("r3")).getBillingProfile();
    }
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String generated = Files.readString(file);
    try (BillingTestServer second = BillingTestServer.start(database, clock, config)) {
      assertThat(second.frontend().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(created.getName()).build())
          .getBillingProfile()).isEqualTo(created);
    }
    assertThat(Files.readString(file).equals(generated)).as("the generated keyset is kept").isTrue();
  }
}
