package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Lightning node software. */
public enum LightningImplementation {
  /** lnd, Lightning Labs' node. */
  @JsonProperty("lnd")
  LND
}
