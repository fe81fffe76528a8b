package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.rpc.lnd.Channel;
import io.blockyard.rpc.lnd.ChannelPoint;
import io.blockyard.rpc.lnd.ClosedChannel;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.PendingChannel;
import io.blockyard.rpc.lnd.WalletBalance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one pass saw of a channel, and nothing else: its ends and the opening node's network from the watched caches,
 * what the opening node's lnd said, the peers' graphs when they were due, and the height of the node that mines for
 * spec.fund. Immutable; the plan and the status are computed from it (see {@link ChannelPlanner}).
 *
 * @param from the opening LightningNode, if it exists
 * @param to the remote LightningNode, if the channel names one and it exists
 * @param network the opening node's BitcoinNetwork, if it is bound to one that exists
 * @param lnd what the opening node's lnd said
 * @param claimed the channel points other LightningChannels of the namespace hold in their status
 * @param graphs whether the channel is in the peers' graphs, when they were read this pass
 * @param miner the height of the node that mines for spec.fund, when it was asked
 */
record ChannelObservation(Optional<LightningNode> from, Optional<LightningNode> to, Optional<BitcoinNetwork> network,
    Lnd lnd, Set<String> claimed, Optional<Graphs> graphs, MinerHeight miner) {
  ChannelObservation {
    claimed = Set.copyOf(claimed);
  }

  /** What the opening node's lnd said this pass. */
  sealed interface Lnd {}

  /** The node reconciler has not reached this lnd (no client kept), or it was not asked (its node is not ready). */
  record NotAsked(boolean clientKept) implements Lnd {}

  /** A call failed: {@code refused} when lnd answered with an error, otherwise it did not answer. */
  record Failed(boolean refused, String message) implements Lnd {}

  /**
   * lnd answered. The lists are what was read: channels it has open, on their way, and closed (empty when not read:
   * closed is read only when the channel is not open, pending only when neither); the balance is read before an open.
   */
  record Answered(NodeInfo info, Optional<WalletBalance> balance, List<Channel> open, List<PendingChannel> pending,
      List<ClosedChannel> closed) implements Lnd {
    Answered {
      open = List.copyOf(open);
      pending = List.copyOf(pending);
      closed = List.copyOf(closed);
    }

    /** Where lnd has the channel: open, closed (closing transaction confirmed), or on its way open or closed. */
    Optional<Entry> entry(ChannelPoint point) {
      Optional<Entry> found = open.stream().filter(c -> c.channelPoint().equals(point)).findFirst()
          .map(Entry.Open::new);
      if (found.isEmpty()) {
        found = closed.stream().filter(c -> c.channelPoint().equals(point)).findFirst().map(Entry.Closed::new);
      }
      if (found.isEmpty()) {
        found = pending.stream().filter(c -> c.channelPoint().equals(point)).findFirst().map(Entry.Pending::new);
      }
      return found;
    }

    /** Channels to the peer with this capacity, opening or open, that no other LightningChannel claims. */
    List<ChannelPoint> adoptable(String remotePubkey, long capacity, Set<String> claimed) {
      List<ChannelPoint> candidates = new ArrayList<>();
      pending.stream().filter(p -> p.stage() == PendingChannel.Stage.PENDING_OPEN)
          .filter(p -> p.remotePubkey().equals(remotePubkey) && p.capacity() == capacity)
          .forEach(p -> candidates.add(p.channelPoint()));
      open.stream().filter(c -> c.remotePubkey().equals(remotePubkey) && c.capacity() == capacity)
          .forEach(c -> candidates.add(c.channelPoint()));
      return candidates.stream().filter(p -> !claimed.contains(p.toString())).toList();
    }
  }

  /** The channel's entry among lnd's channels. */
  sealed interface Entry {
    record Open(Channel channel) implements Entry {}

    record Pending(PendingChannel channel) implements Entry {}

    record Closed(ClosedChannel channel) implements Entry {}
  }

  /**
   * Whether the channel is in the peers' graphs. {@code inRemote} is null when the remote's graph is out of sight
   * (a peer given by URI); {@code problems} say why a graph could not be read.
   */
  record Graphs(boolean inLocal, Boolean inRemote, List<String> problems) {
    Graphs {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The height of the node that mines for spec.fund; or why not: {@code notReady} when there is no node to ask,
   * {@code failure} when it did not answer. All null when it was not asked (nothing to mine for).
   */
  record MinerHeight(Long height, String notReady, String failure) {
    static final MinerHeight NOT_ASKED = new MinerHeight(null, null, null);
  }
}
