package io.blockyard.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Bitcoin Core and btcd dialects share: the calls both spell the same way and the
 * reading of their results. Subclasses supply the added-node list call and the peer-list
 * changes, where the dialects differ.
 */
public abstract sealed class RpcBitcoinNode implements BitcoinNode
    permits BitcoinCoreDialect, BtcdDialect {

  /** The client every call goes through. */
  protected final JsonRpcClient rpc;

  protected RpcBitcoinNode(JsonRpcClient rpc) {
    this.rpc = rpc;
  }

  /** The JSON-RPC client underneath, for calls this interface does not cover. */
  public JsonRpcClient client() {
    return rpc;
  }

  @Override
  public void close() {
    rpc.close();
  }

  @Override
  public RpcEndpoint endpoint() {
    return rpc.endpoint();
  }

  @Override
  public long blockCount() {
    return height(rpc.call("getblockcount"), "getblockcount");
  }

  @Override
  public String bestBlockHash() {
    return hash(rpc.call("getbestblockhash"), "getbestblockhash");
  }

  @Override
  public String blockHash(long height) {
    return hash(rpc.call("getblockhash", height), "getblockhash");
  }

  @Override
  public String rawBlock(String hash) {
    // Verbosity 0 (hex) in Bitcoin Core and btcd alike.
    JsonNode hex = rpc.call("getblock", hash, 0);
    if (hex == null || !hex.isTextual()) {
      throw new MalformedResponseException(rpc.endpoint().display(), "getblock " + hash + " returned no hex block");
    }
    return hex.asText();
  }

  @Override
  public void submitBlock(String hex) {
    JsonNode result = rpc.call("submitblock", hex);
    // null: accepted. Answers that mean "I have it already" are not failures either.
    if (result != null && !result.isNull() && !alreadyKnown(result.asText())) {
      throw new NodeErrorException(rpc.endpoint().display(), "submitblock", -1, "block rejected: " + result.asText());
    }
  }

  /** Core: duplicate, inconclusive; btcd: "rejected: already have block ..."; bcoin: "rejected: duplicate". */
  static boolean alreadyKnown(String answer) {
    return answer.equals("duplicate") || answer.equals("inconclusive") || answer.equals("duplicate-inconclusive")
        || answer.equals("rejected: duplicate") || answer.startsWith("rejected: already have block");
  }

  @Override
  public boolean acceptsAddress(String address) {
    // Same call and field in Bitcoin Core, btcd and bcoin; an invalid address is an answer, not an error.
    JsonNode result = rpc.call("validateaddress", address);
    if (result == null || !result.path("isvalid").isBoolean()) {
      throw unexpected("validateaddress", result == null ? MissingNode.getInstance() : result,
          "an object with isvalid");
    }
    return result.path("isvalid").asBoolean();
  }

  @Override
  public List<Peer> peers() {
    return peers(rpc.call("getpeerinfo"));
  }

  @Override
  public List<String> addedNodes() {
    RpcCall call = addedNodesCall();
    return addedNodes(rpc.call(call));
  }

  @Override
  public NodeObservation observe() {
    // getblockchaininfo gives height and hash of one tip; two calls could straddle a new block.
    List<RpcReply> replies = rpc.batch(List.of(
        RpcCall.of("getblockchaininfo"), RpcCall.of("getpeerinfo"), addedNodesCall()));
    JsonNode chain = replies.get(0).resultOrThrow();
    List<Peer> peers = peers(replies.get(1).resultOrThrow());
    List<String> added = addedNodes(replies.get(2).resultOrThrow());
    return new NodeObservation(height(chain.path("blocks"), "getblockchaininfo.blocks"),
        hash(chain.path("bestblockhash"), "getblockchaininfo.bestblockhash"), peers, added);
  }

  /** The call that lists added nodes in this dialect. */
  protected abstract RpcCall addedNodesCall();

  /** Reads the result of {@link #addedNodesCall()} as {@code host:port} strings. */
  protected abstract List<String> addedNodes(JsonNode result);

  /** Checks the block count argument of the mining calls. */
  protected static int requirePositive(int blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("can only mine a positive number of blocks, not "
          + blocks);
    }
    return blocks;
  }

  /** Reads an array of block hashes, e.g. the result of a mining call. */
  protected List<String> hashes(JsonNode result, String method) {
    List<String> hashes = new ArrayList<>();
    for (JsonNode hash : array(result, method)) {
      hashes.add(hash(hash, method));
    }
    return List.copyOf(hashes);
  }

  /** Requires an array result. */
  protected JsonNode array(JsonNode result, String method) {
    if (!result.isArray()) {
      throw unexpected(method, result, "an array");
    }
    return result;
  }

  /** Requires a non-empty text result. */
  protected String text(JsonNode result, String method) {
    if (!result.isTextual() || result.asText().isEmpty()) {
      throw unexpected(method, result, "a string");
    }
    return result.asText();
  }

  private long height(JsonNode result, String method) {
    if (!result.canConvertToLong() || !result.isIntegralNumber() || result.asLong() < 0) {
      throw unexpected(method, result, "a block height");
    }
    return result.asLong();
  }

  private String hash(JsonNode result, String method) {
    String hash = text(result, method);
    if (!hash.matches("[0-9a-fA-F]{64}")) {
      throw unexpected(method, result, "a 64-digit hex block hash");
    }
    return hash;
  }

  private List<Peer> peers(JsonNode result) {
    List<Peer> peers = new ArrayList<>();
    for (JsonNode peer : array(result, "getpeerinfo")) {
      peers.add(new Peer(text(peer.path("addr"), "getpeerinfo.addr"),
          peer.path("inbound").asBoolean(false)));
    }
    return List.copyOf(peers);
  }

  private MalformedResponseException unexpected(String method, JsonNode result, String wanted) {
    String shown = result.isMissingNode() ? "nothing" : result.toString();
    if (shown.length() > 120) {
      shown = shown.substring(0, 120) + "...";
    }
    return new MalformedResponseException(endpoint().display(),
        method + " answered " + shown + " where " + wanted + " was expected");
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + endpoint().display() + "]";
  }
}
