package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.NodeNetworkPolicies;
import io.blockyard.operator.OperatorOrigin;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;

/**
 * The Lightning node's NetworkPolicy: P2P open to all; REST and gRPC only to the operator and labelled clients. It
 * also closes the wallet-creation window (lnd answers initwallet on REST to whoever calls first) to everyone else.
 * Pure.
 */
public final class LndNetworkPolicy {
  private LndNetworkPolicy() {}

  public static NetworkPolicy desired(LightningNode node, OperatorOrigin origin) {
    LightningNames names = LightningNames.of(node);
    return NodeNetworkPolicies.desired(names.networkPolicy(), names.namespace(), names.labels(), names.selector(),
        List.of(LndProgram.P2P_PORT), List.of(LndProgram.REST_PORT, LndProgram.GRPC_PORT), List.of(), origin);
  }
}
