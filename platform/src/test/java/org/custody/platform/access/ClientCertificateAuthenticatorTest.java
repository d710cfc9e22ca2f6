package org.custody.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.custody.platform.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCertificateAuthenticatorTest {
  @TempDir
  Path dir;

  private TestCertificates ca() {
    return TestCertificates.authority("test", dir);
  }

  @Test
  void callerOf_spiffeUriSan() {
    assertThat(ClientCertificateAuthenticator.callerOf(ca().issue("disclosure").certificate())).contains("disclosure");
  }

  @Test
  void callerOf_commonName_whenNoUriSan() {
    var cert = ca().issue("operator", List.of(), Instant.now(), Instant.now().plus(Duration.ofDays(1))).certificate();
    assertThat(ClientCertificateAuthenticator.callerOf(cert)).contains("operator");
  }

  @Test
  void callerOf_twoUriSans_isRefused() {
    var cert = ca().issue("two", List.of("spiffe://custody/frontend", "spiffe://custody/operator"),
        Instant.now(), Instant.now().plus(Duration.ofDays(1))).certificate();
    assertThat(ClientCertificateAuthenticator.callerOf(cert)).isEmpty();
  }

  @Test
  void callerOf_foreignTrustDomain_isRefused() {
    var cert = ca().issue("foreign", List.of("spiffe://elsewhere/frontend"), Instant.now(), Instant.now().plus(Duration.ofDays(1))).certificate();
    assertThat(ClientCertificateAuthenticator.callerOf(cert)).isEmpty();
  }
}
