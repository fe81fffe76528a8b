package io.blockyard.api.lightning;

/**
 * Reasons on a LightningChannel's Ready and Routable conditions (Blocked's reasons name what is in the way, and
 * Ready repeats them while the channel is blocked).
 */
public enum ChannelConditionReason {
  /** Ready: open, and lnd reports the channel active. */
  CHANNEL_ACTIVE("ChannelActive"),
  /** Ready: open, but lnd reports it inactive (the peer is offline or reconnecting). */
  PEER_OFFLINE("PeerOffline"),
  /** Ready, Routable: the opening node's lnd could not be asked this time. */
  NOT_OBSERVED("NotObserved"),
  /** Routable: in the graphs of both peers, announced to the network. */
  IN_BOTH_GRAPHS("InBothGraphs"),
  /** Routable: the channel is not open (yet, or any more). */
  NOT_OPEN("NotOpen"),
  /** Routable: fewer confirmations than lnd needs before it announces a public channel. */
  AWAITING_CONFIRMATIONS("AwaitingConfirmations"),
  /** Routable: deep enough, but not yet in both peers' graphs (lnd is exchanging the announcement). */
  AWAITING_ANNOUNCEMENT("AwaitingAnnouncement"),
  /** Routable: a private channel is never announced; payments across it need a route hint on the invoice. */
  PRIVATE_CHANNEL("PrivateChannel"),
  /** Blocked=False. */
  NOT_BLOCKED("NotBlocked");

  private final String reason;

  ChannelConditionReason(String reason) {
    this.reason = reason;
  }

  /** The condition's {@code reason} as it appears in status. */
  public String reason() {
    return reason;
  }
}
