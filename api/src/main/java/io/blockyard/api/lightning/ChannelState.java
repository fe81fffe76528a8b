package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a channel is in its life. */
public enum ChannelState {
  /** Not opened yet: waiting for the nodes, the peer connection or funds. */
  @JsonProperty("Pending")
  PENDING,
  /** The funding transaction is published and waits for confirmations. */
  @JsonProperty("Opening")
  OPENING,
  @JsonProperty("Open")
  OPEN,
  /** The closing transaction is published and waits for confirmations. */
  @JsonProperty("Closing")
  CLOSING,
  @JsonProperty("Closed")
  CLOSED;

  /** As status shows it: {@code Open}, {@code Opening}, ... */
  public String display() {
    return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
