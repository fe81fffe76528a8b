package io.blockyard.rpc;

import java.util.Locale;

/** The chains on which Blockyard builds its own blocks, with the rule that sets their coinbase value. */
public enum TestChain {
  /** btcd's and Bitcoin Core's regtest: the subsidy halves every 150 blocks. */
  REGTEST("regtest", 150),
  /** btcd's simnet: mainnet's halving interval. */
  SIMNET("simnet", 210_000);

  /** 50 BTC in satoshi. */
  static final long INITIAL_SUBSIDY = 50L * 100_000_000L;

  private final String chainName;
  private final long halvingInterval;

  TestChain(String chainName, long halvingInterval) {
    this.chainName = chainName;
    this.halvingInterval = halvingInterval;
  }

  /**
   * The chain {@code getblockchaininfo} calls {@code chain}.
   *
   * @throws IllegalArgumentException for any other chain (mainnet, testnet, signet, ...)
   */
  public static TestChain named(String chain) {
    String wanted = chain == null ? "" : chain.trim().toLowerCase(Locale.ROOT);
    for (TestChain candidate : values()) {
      if (candidate.chainName.equals(wanted)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("the node is on chain '" + chain
        + "'; Blockyard builds blocks itself only on regtest and simnet");
  }

  /** The name {@code getblockchaininfo} reports. */
  public String chainName() {
    return chainName;
  }

  /** The coinbase subsidy in satoshi of the block at {@code height}. */
  public long subsidy(long height) {
    long halvings = height / halvingInterval;
    return halvings >= 64 ? 0 : INITIAL_SUBSIDY >> halvings;
  }
}
