package io.blockyard.operator.lightning;

import static io.blockyard.api.lightning.ChannelConditionReason.AWAITING_ANNOUNCEMENT;
import static io.blockyard.api.lightning.ChannelConditionReason.AWAITING_CONFIRMATIONS;
import static io.blockyard.api.lightning.ChannelConditionReason.CHANNEL_ACTIVE;
import static io.blockyard.api.lightning.ChannelConditionReason.IN_BOTH_GRAPHS;
import static io.blockyard.api.lightning.ChannelConditionReason.NOT_BLOCKED;
import static io.blockyard.api.lightning.ChannelConditionReason.NOT_OBSERVED;
import static io.blockyard.api.lightning.ChannelConditionReason.NOT_OPEN;
import static io.blockyard.api.lightning.ChannelConditionReason.PEER_OFFLINE;
import static io.blockyard.api.lightning.ChannelConditionReason.PRIVATE_CHANNEL;
import static io.blockyard.api.lightning.LightningChannelStatus.ANNOUNCEMENT_CONFIRMATIONS;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ChannelConditionReason;
import io.blockyard.api.lightning.ChannelConditionType;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.operator.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A LightningChannel's conditions from what one pass saw. Pure. Ready follows lnd's active flag and is never True
 * while something blocks the channel; Routable says whether other nodes can route across it, or what is missing.
 */
final class ChannelConditions {
  private ChannelConditions() {}

  /** Who brings a public channel to announcement depth. */
  enum MinerKind {
    /** spec.fund on a test chain: the operator mines the missing blocks itself. */
    OPERATOR,
    /** The BitcoinNetwork mines on an interval. */
    NETWORK_INTERVAL,
    /** A test chain that mines only when asked: the user has to. */
    USER,
    /** A chain the operator never mines on (or an external backend): its miners decide. */
    CHAIN
  }

  /** Who mines, with what the messages name: the network and its interval, when there is one. */
  record Miner(MinerKind kind, String network, String interval) {
    static Miner of(boolean fund, Optional<BitcoinNetwork> network) {
      if (network.isEmpty() || !network.get().getSpec().getChain().minesOnDemand()) {
        return new Miner(MinerKind.CHAIN, network.map(n -> n.getMetadata().getName()).orElse(null), null);
      }
      String name = network.get().getMetadata().getName();
      if (fund) {
        return new Miner(MinerKind.OPERATOR, name, null);
      }
      String interval = network.get().getSpec().getMining() == null ? null
          : network.get().getSpec().getMining().getInterval();
      return interval != null ? new Miner(MinerKind.NETWORK_INTERVAL, name, interval)
          : new Miner(MinerKind.USER, name, null);
    }
  }

  /**
   * How far a public open channel is from being announced. {@code inRemoteGraph} is null when the remote's graph is
   * out of the operator's sight (a peer given by URI); {@code problem} says why a graph could not be read or the
   * blocks could not be mined.
   */
  record Announcement(long confirmations, boolean inLocalGraph, Boolean inRemoteGraph, String problem) {
    boolean deepEnough() {
      return confirmations >= ANNOUNCEMENT_CONFIRMATIONS;
    }

    boolean inBothGraphs() {
      return inLocalGraph && !Boolean.FALSE.equals(inRemoteGraph);
    }
  }

  /** What stands in the way of a channel, and what to do about it. */
  record Blocker(ChannelConditionReason reason, String message) {}

  /**
   * What one pass saw. {@code observed}: lnd of the opening node answered about the channel this time.
   * {@code announcement} is empty when it was not looked at (not open, private, not observed, or routable already).
   * {@code blockedReason} is null when nothing blocks the channel.
   */
  record Seen(ChannelState state, boolean active, boolean observed, boolean isPrivate, String from, String to,
      Optional<Announcement> announcement, Miner miner, ChannelConditionReason blockedReason,
      String blockedMessage) {
    Seen blocked(Blocker blocker) {
      return new Seen(state, active, observed, isPrivate, from, to, announcement, miner, blocker.reason(),
          blocker.message());
    }

    Seen withState(ChannelState next) {
      return new Seen(next, active, observed, isPrivate, from, to, announcement, miner, blockedReason,
          blockedMessage);
    }

    /** The announcement with what kept the operator from mining its blocks. */
    Seen withAnnouncementProblem(String problem) {
      return new Seen(state, active, observed, isPrivate, from, to, announcement.map(a -> new Announcement(
          a.confirmations(), a.inLocalGraph(), a.inRemoteGraph(), problem)), miner, blockedReason, blockedMessage);
    }
  }

  /** The number of confirmations of a channel whose short channel id is {@code chanId}, at chain height tip. */
  static long confirmations(String chanId, long tip) {
    long fundingHeight = Long.parseUnsignedLong(chanId) >>> 40;
    return fundingHeight == 0 ? 0 : Math.max(0, tip - fundingHeight + 1);
  }

  static List<Condition> of(Seen seen, List<Condition> previous, long generation, Instant now) {
    return List.of(ready(seen, previous, generation, now), routable(seen, previous, generation, now),
        Conditions.of(previous, ChannelConditionType.BLOCKED.type(), seen.blockedReason() != null,
            (seen.blockedReason() != null ? seen.blockedReason() : NOT_BLOCKED).reason(),
            seen.blockedReason() != null ? seen.blockedMessage() : "nothing is in the way", generation, now));
  }

  private static Condition ready(Seen seen, List<Condition> previous, long generation, Instant now) {
    String type = ChannelConditionType.READY.type();
    if (seen.blockedReason() != null && seen.state() == ChannelState.OPEN) {
      // An open channel that something blocks is not ready, whatever lnd said last; before it opens, the state says it.
      return Conditions.of(previous, type, false, seen.blockedReason().reason(), seen.blockedMessage(), generation,
          now);
    }
    if (seen.state() == ChannelState.OPEN && seen.observed()) {
      return seen.active()
          ? Conditions.of(previous, type, true, CHANNEL_ACTIVE.reason(),
              "the channel is open and lnd reports it active: both peers are online", generation, now)
          : Conditions.of(previous, type, false, PEER_OFFLINE.reason(), "the channel is open but lnd reports it "
              + "inactive: " + seen.to() + " is offline or reconnecting", generation, now);
    }
    if (!seen.observed() && seen.state() == ChannelState.OPEN) {
      return Conditions.of(previous, type, false, NOT_OBSERVED.reason(), "lnd of " + seen.from()
          + " could not be asked about the channel", generation, now);
    }
    String state = (seen.state() == null ? ChannelState.PENDING : seen.state()).display();
    return Conditions.of(previous, type, false, state, "the channel is " + state.toLowerCase(), generation, now);
  }

  private static Condition routable(Seen seen, List<Condition> previous, long generation, Instant now) {
    String type = ChannelConditionType.ROUTABLE.type();
    if (seen.isPrivate()) {
      return Conditions.of(previous, type, false, PRIVATE_CHANNEL.reason(), "a private channel is not announced, "
          + "so other nodes route across it only with a route hint: make the invoice on " + seen.to() + " with "
          + "kubectl blockyard invoice " + seen.to() + " <sat> --private", generation, now);
    }
    if (seen.state() != ChannelState.OPEN) {
      return Conditions.of(previous, type, false, NOT_OPEN.reason(), "the channel is not open", generation, now);
    }
    Optional<Condition> before = Conditions.find(previous, type);
    if (seen.announcement().isEmpty()) {
      // Not looked at this pass (routable already: it stays announced while open; lnd not reachable; a graph read
      // not due yet): the last word stands.
      return before.orElseGet(() -> Conditions.of(previous, type, false, NOT_OBSERVED.reason(), "lnd of "
          + seen.from() + " could not be asked about the channel's announcement", generation, now));
    }
    Announcement a = seen.announcement().get();
    if (!a.deepEnough()) {
      long missing = ANNOUNCEMENT_CONFIRMATIONS - a.confirmations();
      return Conditions.of(previous, type, false, AWAITING_CONFIRMATIONS.reason(), "the funding transaction has "
          + a.confirmations() + " of the " + ANNOUNCEMENT_CONFIRMATIONS + " confirmations lnd needs before it "
          + "announces the channel: " + whoMines(seen.miner(), missing)
          + (a.problem() == null ? "" : "; " + a.problem()), generation, now);
    }
    if (!a.inBothGraphs()) {
      return Conditions.of(previous, type, false, AWAITING_ANNOUNCEMENT.reason(), "deep enough; waiting for lnd to "
          + "announce it (in " + seen.from() + "'s graph: " + yesNo(a.inLocalGraph()) + ", in " + seen.to()
          + "'s graph: " + (a.inRemoteGraph() == null ? "not visible to the operator" : yesNo(a.inRemoteGraph()))
          + ")" + (a.problem() == null ? "" : "; " + a.problem()), generation, now);
    }
    return Conditions.of(previous, type, true, IN_BOTH_GRAPHS.reason(), "announced: the channel is in the graph of "
        + (a.inRemoteGraph() == null ? seen.from() + " (" + seen.to() + "'s graph is not visible to the operator)"
            : "both " + seen.from() + " and " + seen.to())
        + ", and gossip takes it to the other nodes", generation, now);
  }

  private static String whoMines(Miner miner, long missing) {
    String blocks = missing + " more block" + (missing == 1 ? "" : "s");
    return switch (miner.kind()) {
      case OPERATOR -> "the operator mines " + blocks + " (spec.fund)";
      case NETWORK_INTERVAL -> "BitcoinNetwork " + miner.network() + " mines one block every " + miner.interval()
          + ", " + blocks + " to go";
      case USER -> blocks + " needed, and nothing mines on BitcoinNetwork " + miner.network() + ": mine them "
          + "(kubectl blockyard mine " + miner.network() + " " + missing + "), set spec.fund: true on this channel, "
          + "or give the network a mining interval";
      case CHAIN -> blocks + " needed; the operator does not mine on this chain, so its miners must provide them";
    };
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }
}
