package io.blockyard.rpc;

import io.blockyard.api.bitcoin.Implementation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.security.SecureRandom;
import java.time.Instant;
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
 *       there is no {@code generatetoaddress}. {@link #mineTo(String, int)} builds coinbase-only
 *       blocks itself and submits them.
 *   <li>{@code getblockchaininfo} names the chain {@code regtest} or {@code simnet}.
 *   <li>A request without a {@code jsonrpc} member gets an empty answer (the client always
 *       sends it).
 * </ul>
 */
public final class BtcdDialect extends RpcBitcoinNode {

  private static final Logger LOG = LoggerFactory.getLogger(BtcdDialect.class);
  /** Extra-nonce bytes, so blocks built at the same height and second still differ. */
  private static final SecureRandom RANDOM = new SecureRandom();

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
  public Implementation implementation() {
    return Implementation.BTCD;
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

  /**
   * {@inheritDoc} Reads the tip and the chain, then builds each block here: a coinbase paying
   * the chain's subsidy to {@code address}, the tip's difficulty bits, a time after the tip's
   * and not before now; each block is submitted before the next is built on it.
   *
   * @throws IllegalArgumentException when {@code address} is not a supported address
   * @throws IllegalStateException when btcd is on a chain other than regtest or simnet
   */
  @Override
  public List<String> mineTo(String address, int blocks) {
    requirePositive(blocks);
    byte[] script = OutputScript.forAddress(address);
    TestChain chain = chain();
    String previous = bestBlockHash();
    JsonNode tip = rpc.call("getblockheader", previous, true);
    long height = tip.path("height").asLong(-1);
    long time = tip.path("time").asLong(-1);
    String bits = tip.path("bits").asText("");
    if (height < 0 || time < 0 || !bits.matches("[0-9a-fA-F]{1,8}")) {
      throw new MalformedResponseException(endpoint().display(),
          "getblockheader " + previous + " lacks height, time or bits: " + tip);
    }
    long compactBits = Long.parseLong(bits, 16);
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      height++;
      time = Math.max(Instant.now().getEpochSecond(), time + 1);
      byte[] extraNonce = new byte[8];
      RANDOM.nextBytes(extraNonce);
      CoinbaseBlock block = CoinbaseBlock.solve(previous, height, time, compactBits,
          chain.subsidy(height), script, extraNonce);
      submitBlock(block.hex());
      hashes.add(block.hash());
      previous = block.hash();
    }
    LOG.debug("mined {} blocks to {} on {}", blocks, address, endpoint().display());
    return List.copyOf(hashes);
  }

  private TestChain chain() {
    String name = text(rpc.call("getblockchaininfo").path("chain"), "getblockchaininfo.chain");
    try {
      return TestChain.named(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cannot mine to an address on btcd at " + endpoint().display()
          + ": " + e.getMessage(), e);
    }
  }
}
