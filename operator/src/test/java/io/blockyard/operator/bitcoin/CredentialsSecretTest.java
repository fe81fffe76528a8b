package io.blockyard.operator.bitcoin;

import io.blockyard.operator.SecretTexts;
import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.kubernetes.api.model.Secret;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CredentialsSecretTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void generatedSecretHasUserBlockyardAndALongPassword() {
    Secret secret = CredentialsSecret.desired(TestNetworks.btcd(), random);

    assertThat(secret.getMetadata().getName()).isEqualTo("net-rpc-credentials");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "blockyard")
        .containsEntry("blockyard.io/network", "net");
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(SecretTexts.of(secret)).containsOnlyKeys("user", "password").containsEntry("user", "blockyard");
    // 32 random bytes, URL-safe so that it survives shells and URLs.
    assertThat(SecretTexts.of(secret).get("password")).hasSizeGreaterThanOrEqualTo(40)
        .matches("[A-Za-z0-9_-]+");
  }

  @Test
  void everyCallGivesAnotherPassword() {
    String first = SecretTexts.of(CredentialsSecret.desired(TestNetworks.btcd(), random)).get("password");
    String second = SecretTexts.of(CredentialsSecret.desired(TestNetworks.btcd(), random)).get("password");

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void passwordIsNotDerivedFromTheNetwork() {
    BitcoinNetwork network = TestNetworks.btcd();
    String password = SecretTexts.of(CredentialsSecret.desired(network, random)).get("password");

    assertThat(password).doesNotContain(TestNetworks.UID).doesNotContain("net");
  }

  @Test
  void nameForIsTheGeneratedSecretUnlessTheUserNamesOne() {
    assertThat(CredentialsSecret.nameFor(TestNetworks.btcd())).isEqualTo("net-rpc-credentials");
    assertThat(CredentialsSecret.nameFor(TestNetworks.withTlsSecret(TestNetworks.btcd(), "my-cert")))
        .isEqualTo("net-rpc-credentials");
    assertThat(CredentialsSecret.nameFor(TestNetworks.withCredentialsSecret(TestNetworks.btcd(), "my-rpc")))
        .isEqualTo("my-rpc");
    assertThat(CredentialsSecret.nameFor(TestNetworks.withCredentialsSecret(TestNetworks.bitcoind(), "my-rpc")))
        .isEqualTo("my-rpc");
  }
}
