package io.blockyard.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * btcd's RPC dialect.
 *
 * <ul>
 *   <li>{@code getaddednodeinfo} requires a {@code dns} flag; with {@code false} it returns
 *       plain {@code "host:port"} strings. It lists only added nodes that are connected now:
 *       btcd keeps an added node it cannot reach in its connection manager (retrying forever)
 *       but not on that list.
 *   <li>{@code addnode} reports both harmless cases with the generic code -8
 *       (invalid parameter), told apart only by the message: "peer already connected" when
 *       adding a connected added node, "peer not found" when removing an unknown one. As the
 *       list, these only see connected added nodes: adding an unreachable node twice gives two
 *       retrying connection requests, and such a node cannot be removed.
 *   <li>{@code addnode remove} also disconnects the peer (Bitcoin Core keeps the connection).
 *   <li>Mining is {@code generate n}, paying to the {@code --miningaddr} btcd was started with;
 *       there is no {@code generatetoaddress}.
 *   <li>A request without a {@code jsonrpc} member gets an empty answer (the client always
 *       sends it).
 * </ul>
 */
public final class BtcdDialect extends RpcBitcoinNode {

  private static final Logger LOG = LoggerFactory.getLogger(BtcdDialect.class);

  /** btcjson.ErrRPCInvalidParameter, which btcd uses for every addnode failure. */
  static final int INVALID_PARAMETER = -8;
  /** btcd's message for adding an added node it is connected to. */
  static final String ALREADY_CONNECTED = "peer already connected";
  /** btcd's message for removing a node that is not a connected added node. */
  static final String PEER_NOT_FOUND = "peer not found";

  public BtcdDialect(JsonRpcClient rpc) {
    super(rpc);
  }

  @Override
  public NodeImplementation implementation() {
    return NodeImplementation.BTCD;
  }

  @Override
  protected RpcCall addedNodesCall() {
    return RpcCall.of("getaddednodeinfo", false); // dns=false: plain strings, no look-ups
  }

  @Override
  protected List<String> addedNodes(JsonNode result) {
    List<String> nodes = new ArrayList<>();
    for (JsonNode entry : array(result, "getaddednodeinfo")) {
      nodes.add(text(entry, "getaddednodeinfo"));
    }
    return List.copyOf(nodes);
  }

  @Override
  public AddedNodeOutcome addNode(String hostPort) {
    try {
      rpc.call("addnode", NodeAddress.parse(hostPort).toString(), "add");
      return AddedNodeOutcome.ADDED;
    } catch (NodeErrorException e) {
      if (is(e, ALREADY_CONNECTED)) {
        return AddedNodeOutcome.ALREADY_ADDED;
      }
      throw e;
    }
  }

  @Override
  public AddedNodeOutcome removeNode(String hostPort) {
    try {
      rpc.call("addnode", NodeAddress.parse(hostPort).toString(), "remove");
      return AddedNodeOutcome.REMOVED;
    } catch (NodeErrorException e) {
      if (is(e, PEER_NOT_FOUND)) {
        return AddedNodeOutcome.NOT_ADDED;
      }
      throw e;
    }
  }

  static boolean is(NodeErrorException e, String btcdMessage) {
    return e.code() == INVALID_PARAMETER && btcdMessage.equalsIgnoreCase(e.nodeMessage().trim());
  }

  /**
   * {@inheritDoc} btcd cannot choose the address per call: {@code payoutAddress} is ignored
   * and the coinbase pays to btcd's {@code --miningaddr}; see {@link #generate(int)}.
   */
  @Override
  public List<String> mine(int blocks, String payoutAddress) {
    LOG.debug("btcd mines to its --miningaddr; ignoring payout address {}", payoutAddress);
    return generate(blocks);
  }

  /**
   * Mines {@code blocks} blocks paying to btcd's {@code --miningaddr}; btcd answers -32603
   * "No payment addresses specified via --miningaddr" when it was started without one.
   *
   * @return the hashes of the new blocks, oldest first
   */
  public List<String> generate(int blocks) {
    return hashes(rpc.call("generate", requirePositive(blocks)), "generate");
  }
}
