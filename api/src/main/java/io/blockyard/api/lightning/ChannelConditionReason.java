package io.blockyard.api.lightning;

/**
 * Reasons on a LightningChannel's conditions: Ready's and Routable's, and Blocked's, which name what is in the way
 * (Ready repeats them while an open channel is blocked).
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
  NOT_BLOCKED("NotBlocked"),

  // Blocked=True (and Ready=False on an open channel): what is in the way.
  /** A LightningNode the channel names does not exist. */
  NODE_NOT_FOUND("NodeNotFound"),
  /** A LightningNode the channel names is not ready, or its lnd not reached yet. */
  NODE_NOT_READY("NodeNotReady"),
  /** The opening node's lnd has not caught up with the chain. */
  NODE_NOT_SYNCED("NodeNotSynced"),
  /** A call to lnd (or to the node that mines) did not get an answer. */
  LND_UNREACHABLE("LndUnreachable"),
  /** lnd answered with an error (a peer that refuses, a wallet that is unlocking). */
  LND_REFUSED("LndRefused"),
  /** An open was attempted and lnd shows no channel of it (yet); never opened twice. */
  OPEN_ATTEMPTED("OpenAttempted"),
  /** btcd's test chain is below segwit's activation height and nothing mines it there. */
  SEGWIT_INACTIVE("SegwitInactive"),
  /** The operator mined up to segwit's activation height (spec.fund). */
  ACTIVATING_SEGWIT("ActivatingSegwit"),
  /** The opening wallet has too few confirmed coins and spec.fund is off. */
  INSUFFICIENT_FUNDS("InsufficientFunds"),
  /** The operator mines coins to the opening wallet, or waits for lnd to see them (spec.fund). */
  FUNDING("Funding"),
  /** The block reward is too small for the capacity. */
  FUNDING_IMPOSSIBLE("FundingImpossible"),
  /** spec.fund on a node with an external backend. */
  FUNDING_NOT_POSSIBLE("FundingNotPossible"),
  /** spec.fund on a chain that does not mine on demand. */
  FUNDING_NOT_ALLOWED("FundingNotAllowed"),
  /** The node that mines for spec.fund (node 0 of the network) is not ready. */
  NETWORK_NOT_READY("NetworkNotReady"),
  /** spec.forceClose off a test chain without the annotation that names the channel point. */
  FORCE_CLOSE_NOT_ACKNOWLEDGED("ForceCloseNotAcknowledged"),
  /** A call made to close the channel failed. */
  CLOSE_FAILED("CloseFailed");

  private final String reason;

  ChannelConditionReason(String reason) {
    this.reason = reason;
  }

  /** The condition's {@code reason} as it appears in status. */
  public String reason() {
    return reason;
  }
}
