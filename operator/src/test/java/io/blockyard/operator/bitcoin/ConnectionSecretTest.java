package io.blockyard.operator.bitcoin;

import io.blockyard.operator.SecretTexts;
import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

class ConnectionSecretTest {
  static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  @Test
  void btcdRegtestIsHttpsOnTheClientServiceWithTheCa() {
    Secret secret = ConnectionSecret.desired(TestNetworks.btcd(), "blockyard", "s3cret", CA);

    assertThat(secret.getMetadata().getName()).isEqualTo("net-connection");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(SecretTexts.of(secret))
        .containsEntry("url", "https://net.team-a.svc:18334/")
        .containsEntry("host", "net.team-a.svc")
        .containsEntry("port", "18334")
        .containsEntry("user", "blockyard")
        .containsEntry("password", "s3cret")
        .containsEntry("implementation", "btcd")
        .containsEntry("chain", "regtest")
        .containsEntry("ca.crt", CA);
  }

  @Test
  void bitcoindRegtestIsPlainHttpWithoutCa() {
    Secret secret = ConnectionSecret.desired(TestNetworks.bitcoind(), "blockyard", "s3cret", null);

    assertThat(SecretTexts.of(secret))
        .containsEntry("url", "http://net.team-a.svc:18443/")
        .containsEntry("port", "18443")
        .containsEntry("implementation", "bitcoind")
        .doesNotContainKey("ca.crt");
  }

  @Test
  void theHostIsOneTheGeneratedCertificateNames() {
    Secret secret = ConnectionSecret.desired(TestNetworks.btcd(), "u", "p", CA);

    assertThat(RpcTlsSecretTest.dnsNames(RpcTlsSecretTest.issue(TestNetworks.btcd()).server()))
        .contains(SecretTexts.of(secret).get("host"));
  }

  @Test
  void chainAndPortFollowTheSpec() {
    Secret simnet = ConnectionSecret.desired(TestNetworks.network("lab", Implementation.BTCD, Chain.SIMNET), "u",
        "p", CA);

    assertThat(SecretTexts.of(simnet)).containsEntry("url", "https://lab.team-a.svc:18556/")
        .containsEntry("chain", "simnet");
    assertThat(simnet.getMetadata().getName()).isEqualTo("lab-connection");
  }
}
