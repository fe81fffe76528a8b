package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ChannelConditionType;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.bitcoin.NodeClients;
import io.blockyard.operator.lightning.ChannelObservation.Answered;
import io.blockyard.operator.lightning.ChannelObservation.Entry;
import io.blockyard.operator.lightning.ChannelObservation.Graphs;
import io.blockyard.operator.lightning.ChannelObservation.MinerHeight;
import io.blockyard.rpc.RpcException;
import io.blockyard.rpc.lnd.Channel;
import io.blockyard.rpc.lnd.ChannelPoint;
import io.blockyard.rpc.lnd.ClosedChannel;
import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.PendingChannel;
import io.blockyard.rpc.lnd.WalletBalance;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The observe step: the channel's ends and the opening node's network from the watched caches, and from the opening
 * node's lnd only what the pass can use (lnd's channel lists for a channel it has or may have opened, the balance
 * before an open, the graphs when due), every call with the client's timeout. A call that fails is a value in the
 * observation, never an exception out of it.
 */
final class ChannelObserver {
  private final LndClients lndClients;
  private final NodeClients bitcoinClients;
  private final GraphReads graphReads;

  ChannelObserver(LndClients lndClients, NodeClients bitcoinClients, GraphReads graphReads) {
    this.lndClients = lndClients;
    this.bitcoinClients = bitcoinClients;
    this.graphReads = graphReads;
  }

  ChannelObservation observe(LightningChannel channel, Context<LightningChannel> context, Instant now) {
    String namespace = channel.getMetadata().getNamespace();
    var spec = channel.getSpec();
    Optional<LightningNode> from = cachedNode(context, namespace, spec.getFrom());
    Optional<LightningNode> to = spec.getTo().getNode() == null ? Optional.empty()
        : cachedNode(context, namespace, spec.getTo().getNode());
    Optional<BitcoinNetwork> network = from.map(f -> f.getSpec().getNetwork())
        .flatMap(n -> context.getSecondaryResources(BitcoinNetwork.class).stream()
            .filter(b -> b.getMetadata().getName().equals(n)).findFirst());
    Set<String> claimed = context.getPrimaryCache().list(namespace)
        .filter(c -> !c.getMetadata().getUid().equals(channel.getMetadata().getUid()))
        .filter(c -> c.getStatus() != null && c.getStatus().getChannelPoint() != null)
        .map(c -> c.getStatus().getChannelPoint()).collect(Collectors.toSet());
    LightningChannelStatus previous = channel.getStatus() == null ? new LightningChannelStatus()
        : channel.getStatus();

    Optional<LndNode> client = lndClients.admin(LndClients.key(namespace, spec.getFrom()));
    boolean deleting = channel.isMarkedForDeletion();
    boolean opened = previous.getChannelPoint() != null;
    // A channel that exists needs its node only known; a new one needs it ready (see ChannelEnds).
    boolean usable = from.map(f -> opened || deleting ? ChannelEnds.known(f) : ChannelEnds.ready(f)).orElse(false);
    if (client.isEmpty() || !usable) {
      return new ChannelObservation(from, to, network, new ChannelObservation.NotAsked(client.isPresent()), claimed,
          Optional.empty(), MinerHeight.NOT_ASKED);
    }
    LndNode lnd = client.get();
    Answered answered;
    try {
      answered = channels(lnd, channel, opened, deleting);
    } catch (RpcException e) {
      return new ChannelObservation(from, to, network, new ChannelObservation.Failed(e instanceof LndErrorException,
          e.getMessage()), claimed, Optional.empty(), MinerHeight.NOT_ASKED);
    }
    Optional<Graphs> graphs = deleting || !opened ? Optional.empty()
        : graphs(channel, previous, answered, lnd, to, network, now);
    return new ChannelObservation(from, to, network, answered, claimed, graphs,
        minerHeight(channel, previous, network, deleting));
  }

  /** getinfo, then what lnd lists of the channel, or the balance before an open. */
  private static Answered channels(LndNode lnd, LightningChannel channel, boolean opened, boolean deleting) {
    NodeInfo info = lnd.getInfo();
    List<Channel> open = List.of();
    List<PendingChannel> pending = List.of();
    List<ClosedChannel> closed = List.of();
    Optional<WalletBalance> balance = Optional.empty();
    if (opened) {
      ChannelPoint point = ChannelPoint.parse(channel.getStatus().getChannelPoint());
      open = lnd.listChannels();
      if (open.stream().noneMatch(c -> c.channelPoint().equals(point))) {
        closed = lnd.closedChannels();
        if (closed.stream().noneMatch(c -> c.channelPoint().equals(point))) {
          pending = lnd.pendingChannels();
        }
      }
    } else if (OpenAttempt.recorded(channel).isPresent()) {
      // Candidates for adoption: opening or open to the peer with the capacity.
      pending = lnd.pendingChannels();
      open = lnd.listChannels();
    } else if (!deleting) {
      balance = Optional.of(lnd.walletBalance());
    }
    return new Answered(info, balance, open, pending, closed);
  }

  /**
   * Whether the channel is in the peers' graphs: read only for a public open channel deep enough for lnd to
   * announce it, that is not routable yet, and when due (see {@link GraphReads}).
   */
  private Optional<Graphs> graphs(LightningChannel channel, LightningChannelStatus previous, Answered answered,
      LndNode lnd, Optional<LightningNode> to, Optional<BitcoinNetwork> network, Instant now) {
    if (Boolean.TRUE.equals(channel.getSpec().getPrivateChannel())
        || Conditions.isTrue(previous.getConditions(), ChannelConditionType.ROUTABLE.type())) {
      return Optional.empty();
    }
    Optional<Entry> entry = answered.entry(ChannelPoint.parse(previous.getChannelPoint()));
    if (entry.isEmpty() || !(entry.get() instanceof Entry.Open open) || open.channel().chanId().isEmpty()
        || ChannelConditions.confirmations(open.channel().chanId(), answered.info().blockHeight())
            < LightningChannelStatus.ANNOUNCEMENT_CONFIRMATIONS
        || !graphReads.due(channel.getMetadata().getUid(),
            network.map(n -> n.getSpec().getChain().minesOnDemand()).orElse(false), now)) {
      return Optional.empty();
    }
    String id = open.channel().chanId();
    List<String> problems = new ArrayList<>();
    boolean local = inGraph(lnd, id, channel.getSpec().getFrom(), problems);
    Boolean remote = null;
    String toName = channel.getSpec().getTo().getNode();
    if (toName != null) {
      Optional<LndNode> remoteLnd = to.filter(ChannelEnds::ready).flatMap(n -> lndClients.admin(
          LndClients.key(n.getMetadata().getNamespace(), n.getMetadata().getName())));
      if (remoteLnd.isEmpty()) {
        problems.add("LightningNode " + toName + " is not ready, so its graph cannot be read");
      }
      remote = remoteLnd.isPresent() && inGraph(remoteLnd.get(), id, toName, problems);
    }
    return Optional.of(new Graphs(local, remote, problems));
  }

  private static boolean inGraph(LndNode lnd, String channelId, String node, List<String> problems) {
    try {
      return lnd.announcedChannelIds().contains(channelId);
    } catch (RpcException e) {
      problems.add("cannot read the graph of " + node + ": " + e.getMessage());
      return false;
    }
  }

  /**
   * The height of node 0 of the network, for spec.fund on a test chain: asked unless the channel is settled (open,
   * and routable or private), where nothing is mined for it.
   */
  private MinerHeight minerHeight(LightningChannel channel, LightningChannelStatus previous,
      Optional<BitcoinNetwork> network, boolean deleting) {
    boolean settled = previous.getState() == ChannelState.OPEN
        && (Boolean.TRUE.equals(channel.getSpec().getPrivateChannel())
            || Conditions.isTrue(previous.getConditions(), ChannelConditionType.ROUTABLE.type()));
    if (!Boolean.TRUE.equals(channel.getSpec().getFund()) || network.isEmpty()
        || !network.get().getSpec().getChain().minesOnDemand() || (settled && !deleting)) {
      return MinerHeight.NOT_ASKED;
    }
    Optional<TestChainMiner> miner = TestChainMiner.of(bitcoinClients, network.get());
    if (miner.isEmpty()) {
      return new MinerHeight(null, "node 0 of BitcoinNetwork " + network.get().getMetadata().getName()
          + " is not ready to mine", null);
    }
    try {
      return new MinerHeight(miner.get().height(), null, null);
    } catch (RpcException e) {
      return new MinerHeight(null, null, e.getMessage());
    }
  }

  static Optional<LightningNode> cachedNode(Context<LightningChannel> context, String namespace, String name) {
    return context.getSecondaryResources(LightningNode.class).stream()
        .filter(n -> n.getMetadata().getName().equals(name) && n.getMetadata().getNamespace().equals(namespace))
        .findFirst();
  }
}
