package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkNamesTest {
  private final NetworkNames names = NetworkNames.of(TestNetworks.btcd());

  @Test
  void namesOfTheOwnedObjects() {
    assertThat(names.network()).isEqualTo("net");
    assertThat(names.namespace()).isEqualTo("team-a");
    assertThat(names.statefulSet()).isEqualTo("net");
    assertThat(names.pod(0)).isEqualTo("net-0");
    assertThat(names.pod(12)).isEqualTo("net-12");
    assertThat(names.headlessService()).isEqualTo("net-nodes");
    assertThat(names.clientService()).isEqualTo("net");
    assertThat(names.generatedCredentialsSecret()).isEqualTo("net-rpc-credentials");
    assertThat(names.configMap()).isEqualTo("net-config");
    assertThat(names.connectionSecret()).isEqualTo("net-connection");
  }

  @Test
  void podDnsNameGoesThroughTheHeadlessService() {
    assertThat(names.podDnsName(2)).isEqualTo("net-2.net-nodes.team-a.svc.cluster.local");
  }

  @Test
  void selectorAsMapAndAsString() {
    assertThat(names.selector()).isEqualTo(Map.of(
        "blockyard.io/network", "net", "app.kubernetes.io/component", "bitcoin-node"));
    assertThat(names.selectorString())
        .isEqualTo("blockyard.io/network=net,app.kubernetes.io/component=bitcoin-node");
  }

  @Test
  void labelsIncludeTheSelectorAndSayWhoManagesThem() {
    assertThat(names.labels("btcd"))
        .containsAllEntriesOf(names.selector())
        .containsEntry("app.kubernetes.io/name", "btcd")
        .containsEntry("app.kubernetes.io/instance", "net")
        .containsEntry("app.kubernetes.io/managed-by", "blockyard");
  }

  @Test
  void theLongestAllowedNameKeepsEveryServiceAndPodNameAValidDnsLabel() {
    String longest = "n".repeat(BitcoinNetwork.MAX_NAME_LENGTH);
    NetworkNames n = NetworkNames.of(TestNetworks.network(longest, Implementation.BTCD, Chain.REGTEST));

    for (String name : List.of(n.statefulSet(), n.pod(99), n.headlessService(), n.clientService(),
        n.generatedCredentialsSecret(), n.configMap(), n.connectionSecret(), RpcTlsSecret.generatedName(
            TestNetworks.network(longest, Implementation.BTCD, Chain.REGTEST)))) {
      assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    }
  }
}
