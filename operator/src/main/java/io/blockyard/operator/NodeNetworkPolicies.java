package io.blockyard.operator;

import io.blockyard.api.NetworkAccess;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shape of every node's NetworkPolicy: the P2P port open to all, the control ports (RPC, REST, gRPC) open only to
 * the operator, to pods labelled {@link NetworkAccess#CLIENT_LABEL} and to the peers the caller adds. Ingress only:
 * what the nodes connect to is not restricted. Pure.
 */
public final class NodeNetworkPolicies {
  /** The namespace label Kubernetes sets on every namespace (since 1.22). */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private NodeNetworkPolicies() {}

  /**
   * @param podSelector the labels of the pods the policy covers
   * @param openPorts reachable from anywhere (P2P)
   * @param controlPorts reachable only from the operator, labelled clients and {@code morePeers}
   * @param morePeers pod labels, in the policy's namespace, that reach the control ports too
   */
  public static NetworkPolicy desired(String name, String namespace, Map<String, String> labels,
      Map<String, String> podSelector, List<Integer> openPorts, List<Integer> controlPorts,
      List<Map<String, String>> morePeers, OperatorOrigin origin) {
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    peers.add(new NetworkPolicyPeerBuilder()
        .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL,
            origin.namespace())).build())
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(NetworkAccess.OPERATOR_LABEL,
            NetworkAccess.OPERATOR_VALUE)).build())
        .build());
    for (String cidr : origin.sourceCidrs()) {
      peers.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build());
    }
    peers.add(pods(Map.of(NetworkAccess.CLIENT_LABEL, NetworkAccess.CLIENT_VALUE)));
    morePeers.forEach(p -> peers.add(pods(p)));
    return new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector().withMatchLabels(podSelector).endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress().withPorts(ports(openPorts)).endIngress()
        .addNewIngress().withPorts(ports(controlPorts)).withFrom(peers).endIngress()
        .endSpec().build();
  }

  private static NetworkPolicyPeer pods(Map<String, String> labels) {
    return new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
        .build();
  }

  private static List<NetworkPolicyPort> ports(List<Integer> ports) {
    return ports.stream().map(p -> new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(p))
        .build()).toList();
  }
}
