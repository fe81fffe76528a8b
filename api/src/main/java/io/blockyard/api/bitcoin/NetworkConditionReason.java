package io.blockyard.api.bitcoin;

/** Reasons on a BitcoinNetwork's conditions. */
public enum NetworkConditionReason {
  /** Ready: every node asked for is ready. */
  ALL_NODES_READY("AllNodesReady"),
  /** Ready: a pod cannot start because its image is not on the node and cannot be pulled. */
  IMAGE_UNAVAILABLE("ImageUnavailable"),
  /** Ready: the kubelet reports pods it cannot run (the message says which and why). */
  PODS_FAILING("PodsFailing"),
  /** Ready: nodes are starting, or not scheduled yet. */
  NODES_NOT_READY("NodesNotReady"),
  /** Meshed, Synced: a ready node's RPC did not answer (or its credentials are not there yet). */
  NODE_UNREACHABLE("NodeUnreachable"),
  /** Meshed, Synced: no node is ready yet. */
  NO_READY_NODES("NoReadyNodes"),
  /** Meshed: every ready node lists every other one. */
  ALL_NODES_ADDED("AllNodesAdded"),
  /** Meshed: some ready node lacks another on its list (the operator is adding it). */
  MESH_INCOMPLETE("MeshIncomplete"),
  /** Synced: all ready nodes are at the same height. */
  SAME_TIP("SameTip"),
  /** Synced: ready nodes are at different heights. */
  DIFFERENT_TIPS("DifferentTips"),
  /** ChainKept: btcd deletes its regtest database at every start, whatever the volume. */
  REGTEST_WIPED_AT_START("RegtestWipedAtStart");

  private final String reason;

  NetworkConditionReason(String reason) {
    this.reason = reason;
  }

  /** The condition's {@code reason} as it appears in status. */
  public String reason() {
    return reason;
  }
}
