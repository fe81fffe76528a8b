package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Endpoint configuration rules; none of them may leak a password. */
class RpcEndpointTest {

  @Test
  void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> RpcEndpoint.of(URI.create("http://u:hunter2@127.0.0.1:8332/")))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void passwordNeverAppearsInToString() {
    RpcEndpoint endpoint = RpcEndpoint.http("127.0.0.1", 8332).withCredentials("u", "hunter2");

    assertThat(endpoint.toString()).doesNotContain("hunter2").contains("user=u");
    assertThat(endpoint.credentials().toString()).doesNotContain("hunter2");
  }

  @Test
  void emptyPathBecomesSlashAndDefaultsApply() {
    RpcEndpoint endpoint = RpcEndpoint.of(URI.create("http://127.0.0.1:8332"));

    assertThat(endpoint.display()).isEqualTo("http://127.0.0.1:8332/");
    assertThat(endpoint.timeouts()).isEqualTo(RpcTimeouts.DEFAULTS);
    assertThat(endpoint.protocol()).isEqualTo(JsonRpcVersion.V1);
  }

  @Test
  void ipv6HostIsBracketed() {
    assertThat(RpcEndpoint.http("::1", 18443).display()).isEqualTo("http://[::1]:18443/");
  }

  @Test
  void otherSchemesAndTlsOnPlainHttpAreRefused() {
    assertThatThrownBy(() -> RpcEndpoint.of(URI.create("ftp://127.0.0.1/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RpcEndpoint.http("127.0.0.1", 1)
        .withTls(TlsTrust.trustingCa(TestCertificates.SOME_CA)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pemWithoutCertificateIsRefused() {
    assertThatThrownBy(() -> TlsTrust.trustingCa("not a certificate"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validPemBuildsAContext() {
    TlsTrust trust = TlsTrust.pinnedIgnoringHostname(TestCertificates.SOME_CA);

    assertThat(trust.sslContext()).isNotNull();
    assertThat(trust.toString()).contains("certificates=1", "verifyHostname=false");
  }
}
