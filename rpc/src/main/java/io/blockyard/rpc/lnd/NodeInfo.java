package io.blockyard.rpc.lnd;

import java.util.List;

/** What {@code GET /v1/getinfo} says about the node. */
public record NodeInfo(String identityPubkey, String alias, String color, boolean syncedToChain,
    boolean syncedToGraph, long blockHeight, int numPeers, int numActiveChannels,
    int numPendingChannels, int numInactiveChannels, List<String> uris) {

  public NodeInfo {
    uris = List.copyOf(uris);
  }
}
