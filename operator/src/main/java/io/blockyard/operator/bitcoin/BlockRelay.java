package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.Chain;

/** Which chains need the operator to hand blocks over by RPC to nodes that stay behind. Pure. */
final class BlockRelay {
  private BlockRelay() {}

  /**
   * Only regtest: btcd takes sync peers only from localhost there. On simnet btcd syncs from any peer, and the
   * public chains sync on their own.
   */
  static boolean needed(Chain chain) {
    return chain == Chain.REGTEST;
  }
}
