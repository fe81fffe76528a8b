package io.blockyard.rpc;

import io.blockyard.api.bitcoin.Implementation;
import java.util.List;

/**
 * A Bitcoin full node the operator observes and steers over JSON-RPC, whatever its
 * implementation.
 *
 * <p>Implementations hide the differences between the RPC dialects of Bitcoin Core
 * ({@link BitcoinCoreDialect}) and btcd ({@link BtcdDialect}); obtain one with
 * {@link #connect(Implementation, RpcEndpoint)}. Every method makes one or two HTTP requests and
 * throws a subclass of {@link RpcException} on failure.
 */
public interface BitcoinNode {

  /** A node of this implementation at {@code endpoint}, with an HTTP client of its own. */
  static BitcoinNode connect(Implementation implementation, RpcEndpoint endpoint) {
    return connect(implementation, new JsonRpcClient(endpoint));
  }

  /** Like {@link #connect(Implementation, RpcEndpoint)}, through {@code shared}'s HTTP clients. */
  static BitcoinNode connect(Implementation implementation, RpcEndpoint endpoint, SharedHttpClients shared) {
    return connect(implementation, new JsonRpcClient(endpoint, shared));
  }

  /** A node of this implementation reached through {@code client}: its RPC dialect. */
  static BitcoinNode connect(Implementation implementation, JsonRpcClient client) {
    return switch (implementation) {
      case BTCD -> new BtcdDialect(client);
      case BITCOIND -> new BitcoinCoreDialect(client);
    };
  }

  /** Done with the node: gives up what its client holds in shared HTTP clients. */
  default void close() {}

  /** Which implementation's dialect this speaks. */
  Implementation implementation();

  /** Where the node's RPC server is. */
  RpcEndpoint endpoint();

  /** The height of the best chain's tip ({@code getblockcount}). */
  long blockCount();

  /** The hash of the best chain's tip ({@code getbestblockhash}). */
  String bestBlockHash();

  /** The hash of the best-chain block at {@code height} ({@code getblockhash}). */
  String blockHash(long height);

  /** A block as serialized hex ({@code getblock <hash> 0}). */
  String rawBlock(String hash);

  /** Hands a block to the node ({@code submitblock}); throws when the node rejects it. */
  void submitBlock(String hex);

  /** The connected peers ({@code getpeerinfo}). */
  List<Peer> peers();

  /** The number of connected peers. */
  default int peerCount() {
    return peers().size();
  }

  /**
   * The nodes added with {@code addnode}, as {@code host:port} strings.
   *
   * <p>Bitcoin Core and bcoin list every added node, connected or not; btcd lists only added
   * nodes it is connected to at the moment.
   */
  List<String> addedNodes();

  /** Height, best hash, peers and added nodes in one HTTP request (a JSON-RPC batch). */
  NodeObservation observe();

  /**
   * Puts a node on the added-node list, so this node keeps connecting to it.
   *
   * @param hostPort the peer's peer-to-peer address, {@code host:port} or {@code [ipv6]:port}
   * @return {@link AddedNodeOutcome#ADDED} or {@link AddedNodeOutcome#ALREADY_ADDED}
   */
  AddedNodeOutcome addNode(String hostPort);

  /**
   * Takes a node off the added-node list.
   *
   * @param hostPort the address as given to {@link #addNode(String)}
   * @return {@link AddedNodeOutcome#REMOVED} or {@link AddedNodeOutcome#NOT_ADDED}
   */
  AddedNodeOutcome removeNode(String hostPort);

  /**
   * Whether the node takes {@code address} as an address of its chain ({@code validateaddress},
   * field {@code isvalid}). Implementations disagree on some version bytes (bcoin's regtest
   * P2PKH is 0x3c, Bitcoin Core's and btcd's 0x6f), so a caller can ask before paying to one.
   */
  boolean acceptsAddress(String address);

  /**
   * Mines {@code blocks} blocks at once; for test chains (regtest) only.
   *
   * <p>Bitcoin Core pays the coinbase to {@code payoutAddress} ({@code generatetoaddress}).
   * btcd has no per-call address: it ignores {@code payoutAddress} and pays to the address it
   * was started with ({@code --miningaddr}, required for mining).
   *
   * @param blocks how many blocks, at least 1
   * @param payoutAddress the address for the coinbase outputs, valid for the node's chain
   * @return the hashes of the new blocks, oldest first
   */
  List<String> mine(int blocks, String payoutAddress);

  /**
   * Mines blocks whose coinbase pays to address; returns their hashes. For test chains
   * (regtest, simnet) only, e.g. to fund a Lightning wallet.
   *
   * <p>Bitcoin Core uses {@code generatetoaddress}. btcd, which can only {@code generate} to its
   * {@code --miningaddr}, gets blocks built and solved here and handed over with
   * {@code submitblock}; it refuses chains other than regtest and simnet.
   *
   * @param address a P2PKH, P2SH or segwit (v0, v1) address of the node's chain
   * @param blocks how many blocks, at least 1
   * @return the hashes of the new blocks, oldest first
   */
  List<String> mineTo(String address, int blocks);
}
