package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.rpc.MiningAddresses;
import java.util.List;

/**
 * The address a test network's blocks are mined to: a pay-to-pubkey-hash address derived from the network's UID,
 * so it is stable across reconciles and restarts. Nobody holds its key: mined coins are not meant to be spent.
 */
public final class MiningAddress {
  private MiningAddress() {}

  /** Null for chains that cannot mine on demand. */
  public static String of(BitcoinNetwork network) {
    List<String> candidates = candidates(network);
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  /**
   * The same key hash under every version byte a node of the chain may expect, the standard one ({@link #of}) first:
   * on regtest bcoin, which stands in for Bitcoin Core, takes 0x3c where Bitcoin Core and btcd take 0x6f. Empty for
   * chains that cannot mine on demand.
   */
  public static List<String> candidates(BitcoinNetwork network) {
    Chain chain = network.getSpec().getChain();
    if (!chain.minesOnDemand() || network.getMetadata().getUid() == null) {
      return List.of();
    }
    return MiningAddresses.candidates(network.getMetadata().getUid(), chain == Chain.SIMNET);
  }
}
