package io.blockyard.api;

/**
 * Who may reach a node's RPC, REST and gRPC ports. The operator owns a NetworkPolicy per BitcoinNetwork and per
 * LightningNode that opens those ports only to the operator and to the pods named here; P2P stays open to all.
 */
public final class NetworkAccess {
  /**
   * A pod with this label set to {@link #CLIENT_VALUE}, in the namespace of a BitcoinNetwork or LightningNode, reaches
   * the nodes' RPC port (Bitcoin) and lnd's REST and gRPC ports.
   */
  public static final String CLIENT_LABEL = "blockyard.io/rpc-client";
  public static final String CLIENT_VALUE = "true";
  /** The in-cluster operator's pods carry this label set to {@link #OPERATOR_VALUE}, in the operator's namespace. */
  public static final String OPERATOR_LABEL = "blockyard.io/operator";
  public static final String OPERATOR_VALUE = "true";

  private NetworkAccess() {}
}
