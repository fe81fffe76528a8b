package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The chain a network runs; regtest and simnet mine on demand. */
public enum Chain {
  @JsonProperty("regtest")
  REGTEST,
  /** btcd only. */
  @JsonProperty("simnet")
  SIMNET,
  @JsonProperty("signet")
  SIGNET,
  @JsonProperty("testnet")
  TESTNET,
  @JsonProperty("mainnet")
  MAINNET;

  /** Whether blocks can be mined on demand (the chain's difficulty allows it). */
  public boolean minesOnDemand() {
    return this == REGTEST || this == SIMNET;
  }
}
