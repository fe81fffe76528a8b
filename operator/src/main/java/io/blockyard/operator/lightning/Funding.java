package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;

/** How many coins a channel needs and how many blocks mine them on a test chain. Pure. */
public final class Funding {
  /** Room for the funding transaction's fee and lnd's anchor reserve (10,000 sat per node with anchor channels). */
  public static final long FEE_RESERVE_SAT = 50_000;
  /** Coinbase outputs can be spent only after this many confirmations. */
  public static final int COINBASE_MATURITY = 100;
  /** Never mine more coinbase blocks than this for one channel: the subsidy has halved too often by then. */
  static final int MAX_FUNDING_BLOCKS = 20;
  private static final long INITIAL_SUBSIDY_SAT = 50L * 100_000_000L;

  private Funding() {}

  /**
   * The height from which the chain accepts segwit transactions (lnd's funding and closing transactions are segwit).
   * btcd's test chains activate segwit by miners' vote: three windows of 144 blocks on regtest, of 100 on simnet.
   * Bitcoin Core's regtest has it from the start.
   */
  public static long segwitActiveHeight(Implementation implementation, Chain chain) {
    if (implementation != Implementation.BTCD) {
      return 0;
    }
    return switch (chain) {
      case REGTEST -> 3 * 144;
      case SIMNET -> 3 * 100;
      default -> 0;
    };
  }

  /** What the opening node's wallet must hold, confirmed, before it opens the channel. */
  public static long needed(long capacitySat) {
    return capacitySat + FEE_RESERVE_SAT;
  }

  /** The block reward at a height of a chain that mines on demand (regtest halves every 150 blocks). */
  public static long subsidyAt(Chain chain, long height) {
    long interval = switch (chain) {
      case REGTEST -> 150;
      case SIMNET -> 210_000;
      default -> throw new IllegalArgumentException(chain + " does not mine on demand");
    };
    long halvings = height / interval;
    return halvings >= 64 ? 0 : INITIAL_SUBSIDY_SAT >> halvings;
  }

  /**
   * Coinbase blocks to mine to the wallet, starting at {@code nextHeight}, so that they pay at least
   * {@code missingSat}; -1 when more than {@link #MAX_FUNDING_BLOCKS} would be needed.
   */
  public static int blocksToMine(Chain chain, long nextHeight, long missingSat) {
    long paid = 0;
    for (int blocks = 1; blocks <= MAX_FUNDING_BLOCKS; blocks++) {
      paid += subsidyAt(chain, nextHeight + blocks - 1);
      if (paid >= missingSat) {
        return blocks;
      }
    }
    return -1;
  }
}
