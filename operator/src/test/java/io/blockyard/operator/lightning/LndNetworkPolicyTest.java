package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.NetworkAccess;
import io.blockyard.operator.OperatorOrigin;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LndNetworkPolicyTest {
  static List<Integer> ports(NetworkPolicyIngressRule rule) {
    return rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()).toList();
  }

  @Test
  void p2pIsOpenToAllAndRestAndGrpcOnlyToTheOperatorAndLabelledClients() {
    NetworkPolicy policy = LndNetworkPolicy.desired(LndBuildersTest.alice(),
        new OperatorOrigin("blockyard-system", List.of("10.213.0.253/32")));

    assertThat(policy.getMetadata().getName()).isEqualTo("alice-lnd");
    assertThat(policy.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "lightning-node");
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(LightningNames.of(LndBuildersTest.alice()).selector());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    var rules = policy.getSpec().getIngress();
    assertThat(rules).hasSize(2);
    assertThat(ports(rules.get(0))).containsExactly(9735);
    assertThat(rules.get(0).getFrom()).isEmpty();
    assertThat(ports(rules.get(1))).containsExactly(8080, 10009);
    var from = rules.get(1).getFrom();
    assertThat(from).hasSize(3);
    assertThat(from.get(0).getPodSelector().getMatchLabels())
        .isEqualTo(Map.of(NetworkAccess.OPERATOR_LABEL, NetworkAccess.OPERATOR_VALUE));
    assertThat(from.get(1).getIpBlock().getCidr()).isEqualTo("10.213.0.253/32");
    assertThat(from.get(2).getPodSelector().getMatchLabels())
        .isEqualTo(Map.of(NetworkAccess.CLIENT_LABEL, NetworkAccess.CLIENT_VALUE));
  }
}
