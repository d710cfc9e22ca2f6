package org.custody.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferrerHostsTest {
  private final ReferrerHosts hosts = new ReferrerHosts();

  @Test
  void hostToCount_keepsOnlyTheLowerCaseHost() throws Exception {
    assertThat(hosts.hostToCount("https://News.Example.org/story/42?ref=jane@example.com#c", null)).isEqualTo("news.example.org");
  }

  @Test
  void hostToCount_noneOrInternal_countsNothing() throws Exception {
    assertThat(hosts.hostToCount("", "acme.example")).isNull();
    assertThat(hosts.hostToCount("https://acme.example/other", "acme.example")).isNull();
  }

  @Test
  void hostToCount_ipAddressHosts_areCountedAsIp() throws Exception {
    assertThat(hosts.hostToCount("http://192.168.1.20/intranet", null)).isEqualTo(ReferrerHosts.IP);
    assertThat(hosts.hostToCount("http://[2001:db8::1]/x", null)).isEqualTo(ReferrerHosts.IP);
  }

  @Test
  void hostToCount_notAnHttpUrl_isRefused() {
    assertThatThrownBy(() -> hosts.hostToCount("android-app://com.example", null)).isInstanceOf(InvalidUrlException.class);
    assertThatThrownBy(() -> hosts.hostToCount("/relative", null)).isInstanceOf(InvalidUrlException.class);
    assertThatThrownBy(() -> hosts.hostToCount("not a url", null)).isInstanceOf(InvalidUrlException.class);
  }
}
