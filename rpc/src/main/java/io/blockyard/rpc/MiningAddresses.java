package io.blockyard.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Where a test network's blocks are mined to: pay-to-pubkey-hash addresses of one 20-byte hash derived from the
 * network's UID (stable across restarts; nobody holds its key). Shared by the operator and the kubectl plugin.
 */
public final class MiningAddresses {
  private MiningAddresses() {}

  /**
   * The same hash under each version byte a node of the chain may expect, in order of preference: regtest is 0x6f
   * in Bitcoin Core and btcd but 0x3c in bcoin; simnet (btcd) is 0x3f. Use the first the node accepts.
   */
  public static List<String> candidates(String networkUid, boolean simnet) {
    byte[] hash = Arrays.copyOf(
        Base58Check.sha256(("blockyard-mining:" + networkUid).getBytes(StandardCharsets.UTF_8)), 20);
    return simnet ? List.of(Base58Check.encode(0x3f, hash))
        : List.of(Base58Check.encode(0x6f, hash), Base58Check.encode(0x3c, hash));
  }

  /** The first candidate the node validates, or the first candidate when it accepts none (its error then shows). */
  public static String acceptedBy(BitcoinNode node, String networkUid, boolean simnet) {
    List<String> candidates = candidates(networkUid, simnet);
    return candidates.stream().filter(node::acceptsAddress).findFirst().orElse(candidates.get(0));
  }
}
