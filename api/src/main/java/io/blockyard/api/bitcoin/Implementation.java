package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The node software of a network, which is also the RPC dialect the operator speaks to it. */
public enum Implementation {
  /** Bitcoin Core (and anything with its RPC dialect). */
  @JsonProperty("bitcoind")
  BITCOIND,
  /** btcd, the Go full node. */
  @JsonProperty("btcd")
  BTCD
}
