package io.blockyard.api.lightning;

/** The condition types on a LightningChannel's status, as the operator writes them and the CLI reads them. */
public enum ChannelConditionType {
  /** True while the channel is open and lnd reports it active: it can carry payments between its two peers. */
  READY("Ready"),
  /** True once lnd has announced the channel and it is in both peers' graphs: other nodes can route across it. */
  ROUTABLE("Routable"),
  /** True while something stands in the way (a node not ready, missing funds, lnd refusing), saying what to do. */
  BLOCKED("Blocked");

  private final String type;

  ChannelConditionType(String type) {
    this.type = type;
  }

  /** The condition's {@code type} as it appears in status. */
  public String type() {
    return type;
  }
}
