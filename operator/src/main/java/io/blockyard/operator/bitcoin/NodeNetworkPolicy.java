package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.NodeNetworkPolicies;
import io.blockyard.operator.OperatorOrigin;
import io.blockyard.api.lightning.LightningNames;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;

/**
 * The network's NetworkPolicy: P2P open to all; RPC (and Bitcoin Core's ZMQ feeds) only to the operator, labelled
 * clients, the network's own pods (they hold its credentials already) and the namespace's Lightning nodes, whose lnd
 * follows the chain over RPC. Pure.
 */
public final class NodeNetworkPolicy {
  private NodeNetworkPolicy() {}

  public static NetworkPolicy desired(BitcoinNetwork network, OperatorOrigin origin) {
    NetworkNames names = NetworkNames.of(network);
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    var chain = network.getSpec().getChain();
    return NodeNetworkPolicies.desired(names.networkPolicy(), names.namespace(), names.labels(program.name()),
        names.selector(), List.of(program.p2pPort(chain)), program.controlPorts(chain),
        List.of(names.selector(), Map.of("app.kubernetes.io/component", LightningNames.COMPONENT,
            "app.kubernetes.io/managed-by", "blockyard")), origin);
  }
}
