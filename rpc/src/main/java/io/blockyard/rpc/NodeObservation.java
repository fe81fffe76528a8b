package io.blockyard.rpc;

import java.util.List;

/**
 * What one {@link BitcoinNode#observe()} round trip saw of a node.
 *
 * @param height the height of the best chain's tip (the block count)
 * @param bestBlockHash the hash of that tip, taken from the same answer as the height
 * @param peers the connected peers
 * @param addedNodes the nodes added with {@code addnode}, as {@code host:port} strings
 */
public record NodeObservation(long height, String bestBlockHash, List<Peer> peers,
    List<String> addedNodes) {

  public NodeObservation {
    peers = List.copyOf(peers);
    addedNodes = List.copyOf(addedNodes);
  }

  /** The number of connected peers. */
  public int peerCount() {
    return peers.size();
  }
}
