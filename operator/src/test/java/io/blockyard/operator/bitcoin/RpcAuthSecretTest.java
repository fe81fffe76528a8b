package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.operator.SecretTexts;
import org.junit.jupiter.api.Test;

class RpcAuthSecretTest {
  @Test
  void btcdsSecretHoldsTheConfigMapsFileWithTheCredentialsAfterIt() {
    var network = TestNetworks.btcd();
    var files = SecretTexts.of(RpcAuthSecret.desired(network, "user", "pass"));

    assertThat(files.get("btcd.conf")).startsWith(NodeConfigMap.content(network)).endsWith("rpcuser=user\nrpcpass=pass\n");
    assertThat(files.get("btcctl.conf")).contains("rpcpass=pass");
    assertThat(RpcAuthSecret.desired(network, "user", "pass").getMetadata().getName()).isEqualTo("net-rpcauth");
  }

  @Test
  void bitcoindsSecretHoldsOnlyTheSaltedHashTheSameOnEveryPass() {
    var network = TestNetworks.bitcoind();
    var files = SecretTexts.of(RpcAuthSecret.desired(network, "user", "pass"));

    assertThat(files).containsOnlyKeys("rpcauth.conf");
    assertThat(files.get("rpcauth.conf")).matches("rpcauth=user:[0-9a-f]{32}\\$[0-9a-f]{64}\n").doesNotContain("pass");
    assertThat(RpcAuthSecret.desired(network, "user", "pass")).isEqualTo(RpcAuthSecret.desired(network, "user", "pass"));
  }

  @Test
  void credentialsThatWouldBreakAConfigurationLineAreRefusedWithTheReason() {
    assertThat(RpcAuthSecret.unusable("user", "a good password")).isEmpty();
    assertThat(RpcAuthSecret.unusable("user", "pass\nrpclisten=0.0.0.0:1")).hasValueSatisfying(problem ->
        assertThat(problem).contains("password", "line break").doesNotContain("rpclisten"));
    assertThat(RpcAuthSecret.unusable("us\rer", "pass")).hasValueSatisfying(p -> assertThat(p).contains("user"));
    assertThat(RpcAuthSecret.unusable("us:er", "pass")).hasValueSatisfying(p -> assertThat(p).contains("':'"));
    assertThat(RpcAuthSecret.unusable("user", " pass")).hasValueSatisfying(p -> assertThat(p).contains("whitespace"));
    assertThat(RpcAuthSecret.unusable("user", "")).isPresent();
  }
}
