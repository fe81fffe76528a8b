package io.blockyard.rpc;

import io.blockyard.api.bitcoin.Implementation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bitcoin Core's RPC dialect (also spoken, with small deviations, by bcoin).
 *
 * <ul>
 *   <li>{@code getaddednodeinfo} takes no argument (or one node) and returns objects
 *       {@code {"addednode": "host:port", "connected": ..., "addresses": [...]}}, listing added
 *       nodes whether or not they are connected.
 *   <li>{@code addnode add} of a listed node fails with -23 "Error: Node already added";
 *       {@code addnode remove} of an unlisted node fails with -24 "Error: Node could not be
 *       removed. It has not been added previously." bcoin answers neither: it adds a duplicate
 *       entry and ignores unknown removals, so this dialect consults the list first.
 *   <li>{@code addnode remove} only takes the node off the list; an open connection stays.
 *   <li>Mining is {@code generatetoaddress n address}.
 * </ul>
 */
public final class BitcoinCoreDialect extends RpcBitcoinNode {

  /** RPC_CLIENT_NODE_ALREADY_ADDED. */
  static final int NODE_ALREADY_ADDED = -23;
  /** RPC_CLIENT_NODE_NOT_ADDED. */
  static final int NODE_NOT_ADDED = -24;

  public BitcoinCoreDialect(JsonRpcClient rpc) {
    super(rpc);
  }

  @Override
  public Implementation implementation() {
    return Implementation.BITCOIND;
  }

  @Override
  protected RpcCall addedNodesCall() {
    return RpcCall.of("getaddednodeinfo");
  }

  @Override
  protected List<String> addedNodes(JsonNode result) {
    List<String> nodes = new ArrayList<>();
    for (JsonNode entry : array(result, "getaddednodeinfo")) {
      nodes.add(text(entry.path("addednode"), "getaddednodeinfo.addednode"));
    }
    return List.copyOf(nodes);
  }

  @Override
  public AddedNodeOutcome addNode(String hostPort) {
    NodeAddress target = NodeAddress.parse(hostPort);
    if (listed(target).isPresent()) {
      return AddedNodeOutcome.ALREADY_ADDED;
    }
    try {
      rpc.call("addnode", target.toString(), "add");
      return AddedNodeOutcome.ADDED;
    } catch (NodeErrorException e) {
      if (e.code() == NODE_ALREADY_ADDED) {
        return AddedNodeOutcome.ALREADY_ADDED; // added by someone else since we looked
      }
      throw e;
    }
  }

  @Override
  public AddedNodeOutcome removeNode(String hostPort) {
    Optional<String> entry = listed(NodeAddress.parse(hostPort));
    if (entry.isEmpty()) {
      return AddedNodeOutcome.NOT_ADDED;
    }
    try {
      // The listed spelling, because Core matches the removal by exact string.
      rpc.call("addnode", entry.get(), "remove");
      return AddedNodeOutcome.REMOVED;
    } catch (NodeErrorException e) {
      if (e.code() == NODE_NOT_ADDED) {
        return AddedNodeOutcome.NOT_ADDED; // removed by someone else since we looked
      }
      throw e;
    }
  }

  private Optional<String> listed(NodeAddress target) {
    return addedNodes().stream().filter(target::matches).findFirst();
  }

  /** {@inheritDoc} Uses {@code generatetoaddress}; the coinbase pays {@code payoutAddress}. */
  @Override
  public List<String> mine(int blocks, String payoutAddress) {
    if (payoutAddress == null || payoutAddress.isBlank()) {
      throw new IllegalArgumentException("generatetoaddress needs a payout address");
    }
    return hashes(rpc.call("generatetoaddress", requirePositive(blocks), payoutAddress),
        "generatetoaddress");
  }

  /** {@inheritDoc} {@code generatetoaddress blocks address}. */
  @Override
  public List<String> mineTo(String address, int blocks) {
    return mine(blocks, address);
  }
}
