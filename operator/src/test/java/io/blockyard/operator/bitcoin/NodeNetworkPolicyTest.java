package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blockyard.api.NetworkAccess;
import io.blockyard.operator.OperatorOrigin;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeNetworkPolicyTest {
  static final OperatorOrigin IN_CLUSTER = new OperatorOrigin("blockyard-system", List.of());

  static List<Integer> ports(NetworkPolicyIngressRule rule) {
    return rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()).toList();
  }

  @Test
  void coversTheNetworksPodsForIngressOnlyAndIsOwnedLikeItsOtherObjects() {
    NetworkPolicy policy = NodeNetworkPolicy.desired(TestNetworks.btcd(), IN_CLUSTER);

    assertThat(policy.getMetadata().getName()).isEqualTo("net");
    assertThat(policy.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(policy.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "blockyard")
        .containsEntry("app.kubernetes.io/component", NetworkNames.COMPONENT);
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(NetworkNames.of(TestNetworks.btcd()).selector());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getEgress()).isEmpty();
  }

  @Test
  void p2pIsOpenToAllAndRpcOnlyToTheOperatorClientsTheNetworkAndLightningNodes() {
    NetworkPolicy policy = NodeNetworkPolicy.desired(TestNetworks.btcd(), IN_CLUSTER);
    List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();

    assertThat(rules).hasSize(2);
    assertThat(ports(rules.get(0))).containsExactly(18444);
    assertThat(rules.get(0).getFrom()).isEmpty();
    assertThat(ports(rules.get(1))).containsExactly(18334);
    List<NetworkPolicyPeer> from = rules.get(1).getFrom();
    assertThat(from).hasSize(4);
    assertThat(from.get(0).getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "blockyard-system"));
    assertThat(from.get(0).getPodSelector().getMatchLabels())
        .isEqualTo(Map.of(NetworkAccess.OPERATOR_LABEL, NetworkAccess.OPERATOR_VALUE));
    assertThat(from.get(1).getPodSelector().getMatchLabels())
        .isEqualTo(Map.of(NetworkAccess.CLIENT_LABEL, NetworkAccess.CLIENT_VALUE));
    assertThat(from.get(1).getNamespaceSelector()).isNull();
    assertThat(from.get(2).getPodSelector().getMatchLabels())
        .isEqualTo(NetworkNames.of(TestNetworks.btcd()).selector());
    assertThat(from.get(3).getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "lightning-node");
    assertThat(rules.get(1).getPorts()).allSatisfy(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
  }

  @Test
  void bitcoinCoresZmqFeedsAreControlPortsToo() {
    NetworkPolicy policy = NodeNetworkPolicy.desired(TestNetworks.bitcoind(), IN_CLUSTER);

    assertThat(ports(policy.getSpec().getIngress().get(0))).containsExactly(18444);
    assertThat(ports(policy.getSpec().getIngress().get(1))).containsExactly(18443, 28332, 28333);
  }

  @Test
  void anOperatorOutsideTheClusterIsAdmittedByItsAddressRanges() {
    NetworkPolicy policy = NodeNetworkPolicy.desired(TestNetworks.btcd(),
        new OperatorOrigin("ops", List.of("10.213.0.253/32")));
    List<NetworkPolicyPeer> from = policy.getSpec().getIngress().get(1).getFrom();

    assertThat(from.get(0).getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "ops"));
    assertThat(from.get(1).getIpBlock().getCidr()).isEqualTo("10.213.0.253/32");
  }

  @Test
  void theOriginComesFromTheEnvironmentAndRefusesWhatIsNoAddressRange() {
    assertThat(OperatorOrigin.fromEnvironment(Map.of(OperatorOrigin.SOURCE_CIDRS_ENV, "10.0.0.1/32, 10.1.0.0/16"),
        null)).isEqualTo(new OperatorOrigin("blockyard-system", List.of("10.0.0.1/32", "10.1.0.0/16")));
    assertThat(OperatorOrigin.fromEnvironment(Map.of(), "ops")).isEqualTo(new OperatorOrigin("ops", List.of()));
    assertThatThrownBy(() -> OperatorOrigin.fromEnvironment(Map.of(OperatorOrigin.SOURCE_CIDRS_ENV, "10.0.0.1"),
        null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'10.0.0.1'")
        .hasMessageContaining(OperatorOrigin.SOURCE_CIDRS_ENV);
  }
}
