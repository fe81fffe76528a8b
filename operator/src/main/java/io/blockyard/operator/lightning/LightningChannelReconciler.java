package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ChannelConditionType;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.Events;
import io.blockyard.operator.bitcoin.NodeClients;
import io.blockyard.rpc.RpcException;
import io.blockyard.rpc.lnd.AddressType;
import io.blockyard.rpc.lnd.Channel;
import io.blockyard.rpc.lnd.ChannelPoint;
import io.blockyard.rpc.lnd.ClosedChannel;
import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.PendingChannel;
import io.blockyard.rpc.lnd.WalletBalance;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.blockyard.operator.ReconcileFailure;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a channel once and keeps its status true; closes it on deletion (finalizer). The channel point in status is
 * what ties the resource to lnd's channel: once set, the operator never opens another; before it is set, a channel
 * to the same peer with the same capacity that no other LightningChannel claims is adopted, so an operator that
 * stopped between opening and recording still ends up with exactly one channel.
 */
@ControllerConfiguration(name = "lightningchannel")
public class LightningChannelReconciler implements Reconciler<LightningChannel>, Cleaner<LightningChannel> {
  private static final Logger LOG = LoggerFactory.getLogger(LightningChannelReconciler.class);
  /** Blocked clearing is good news ("Unblocked"); Routable not yet True is progress, not a warning. */
  private static final Events.ConditionKinds CONDITION_KINDS = new Events.ConditionKinds(
      Map.of(ChannelConditionType.BLOCKED.type(), "Unblocked"), Set.of(ChannelConditionType.ROUTABLE.type()));
  static final Duration OBSERVE_EVERY = Duration.ofSeconds(3);
  /**
   * How soon an open, ready channel that stays so is looked at again, a safety net: its nodes' lnd events (channel
   * state, HTLCs, peers) and their resources' changes wake it at once.
   */
  static final Duration IDLE_EVERY = Duration.ofMinutes(5);
  /** lnd's whole graph comes back from describegraph: on a large network, read it at most this often per channel. */
  static final Duration GRAPH_READ_EVERY = Duration.ofSeconds(30);
  static final String NODES = "nodes";
  static final String NETWORKS = "networks";
  private static final String NODE_INDEX = "node";

  private final NodeClients bitcoinClients;
  private final LndClients lndClients;

  /** @param bitcoinClients for mining on a test chain; @param lndClients the node reconciler's lnd clients */
  public LightningChannelReconciler(NodeClients bitcoinClients, LndClients lndClients) {
    this.bitcoinClients = bitcoinClients;
    this.lndClients = lndClients;
  }

  private final GraphReads graphReads = new GraphReads(GRAPH_READ_EVERY);

  /** When each channel's peers' graphs were last read; in memory only (after a restart, one early read). */
  static final class GraphReads {
    private final Duration every;
    private final Map<String, Instant> last = new java.util.concurrent.ConcurrentHashMap<>();

    GraphReads(Duration every) {
      this.every = every;
    }

    /** Whether to read now; on a test chain (a graph of a few nodes) always. Records the read. */
    boolean due(LightningChannel channel, boolean testChain) {
      return due(channel.getMetadata().getUid(), testChain, Instant.now());
    }

    boolean due(String uid, boolean testChain, Instant now) {
      Instant before = last.get(uid);
      if (!testChain && before != null && before.plus(every).isAfter(now)) {
        return false;
      }
      last.put(uid, now);
      return true;
    }

    void forget(LightningChannel channel) {
      last.remove(channel.getMetadata().getUid());
    }
  }

  /**
   * The opening node, reached over REST, and what the pass learned about the other end: its LightningNode when it is
   * one and ready, and what is wrong with it when an opened channel's peer resource is gone.
   */
  record Ends(LightningNode from, LndNode lnd, NodeInfo info, String remotePubkey, String remoteAddress,
      Optional<BitcoinNetwork> network, Optional<LightningNode> to, Optional<Blocked> remoteProblem) {}

  /** Why the pass stopped short, as a condition: what is wrong and what to do. */
  /** Names this operator process in an open-attempt record. */
  static final String OPERATOR_INSTANCE = "operator " + java.util.UUID.randomUUID().toString().substring(0, 8);

  static final class Blocked extends Exception {
    final String reason;

    Blocked(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  /**
   * The channel's nodes, and the opening node's network, from watched caches: a node that becomes ready (or a network
   * that changes) wakes its channels, and no pass GETs them.
   */
  @Override
  public List<EventSource<?, LightningChannel>> prepareEventSources(EventSourceContext<LightningChannel> context) {
    var channels = context.getPrimaryCache();
    channels.addIndexer(NODE_INDEX, c -> endNames(c).stream().map(n -> c.getMetadata().getNamespace() + "/" + n)
        .toList());
    var nodes = new InformerEventSource<>(InformerEventSourceConfiguration.from(LightningNode.class,
            LightningChannel.class)
        .withName(NODES)
        .withSecondaryToPrimaryMapper(node -> channelsOf(channels, node.getMetadata().getNamespace(),
            node.getMetadata().getName()))
        .withPrimaryToSecondaryMapper((LightningChannel c) -> endNames(c).stream()
            .map(n -> new ResourceID(n, c.getMetadata().getNamespace())).collect(Collectors.toSet()))
        .build(), context);
    var networks = new InformerEventSource<>(InformerEventSourceConfiguration.from(BitcoinNetwork.class,
            LightningChannel.class)
        .withName(NETWORKS)
        .withSecondaryToPrimaryMapper(network -> nodes.list(network.getMetadata().getNamespace(),
                n -> network.getMetadata().getName().equals(n.getSpec().getNetwork()))
            .flatMap(n -> channelsOf(channels, n.getMetadata().getNamespace(), n.getMetadata().getName()).stream())
            .collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((LightningChannel c) -> nodes.get(new ResourceID(c.getSpec().getFrom(),
                c.getMetadata().getNamespace()))
            .map(n -> n.getSpec().getNetwork() == null ? Set.<ResourceID>of()
                : Set.of(new ResourceID(n.getSpec().getNetwork(), c.getMetadata().getNamespace())))
            .orElse(Set.of()))
        .build(), context);
    // lnd's own events of either node: a channel state change or a payment shows in status at once.
    var lndEvents = lndClients.events().channelEvents(node -> channelsOf(channels, node.getNamespace().orElseThrow(),
        node.getName()));
    return List.of(nodes, networks, lndEvents);
  }

  /** The LightningNodes a channel names: from, and to when it is one of ours. */
  private static Set<String> endNames(LightningChannel channel) {
    Set<String> names = new java.util.HashSet<>();
    names.add(channel.getSpec().getFrom());
    if (channel.getSpec().getTo() != null && channel.getSpec().getTo().getNode() != null) {
      names.add(channel.getSpec().getTo().getNode());
    }
    return names;
  }

  private static Set<ResourceID> channelsOf(IndexerResourceCache<LightningChannel> channels, String namespace,
      String node) {
    return channels.byIndex(NODE_INDEX, namespace + "/" + node).stream().map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Optional<LightningNode> cachedNode(Context<LightningChannel> context, String namespace, String name) {
    return context.getSecondaryResources(LightningNode.class).stream()
        .filter(n -> n.getMetadata().getName().equals(name) && n.getMetadata().getNamespace().equals(namespace))
        .findFirst();
  }

  /** A failed owned object or step: Ready=False saying what failed and what to do, and a Warning event. */
  @Override
  public ErrorStatusUpdateControl<LightningChannel> updateErrorStatus(LightningChannel channel, Context<LightningChannel> context, Exception e) {
    return ReconcileFailure.errorStatus(channel, context, e, LightningChannel::new, LightningChannelStatus::new);
  }

  @Override
  public UpdateControl<LightningChannel> reconcile(LightningChannel channel, Context<LightningChannel> context) {
    KubernetesClient client = context.getClient();
    String namespace = channel.getMetadata().getNamespace();
    boolean fromReady = cachedNode(context, namespace, channel.getSpec().getFrom()).map(n -> n.getStatus() != null
        && Conditions.isTrue(n.getStatus().getConditions(), LightningNodeReconciler.READY)).orElse(false);
    if (fromReady && lndClients.admin(LndClients.key(namespace, channel.getSpec().getFrom())).isEmpty()) {
      // Just after a start the node's reconciler has not reached its lnd yet: wait for it rather than report a
      // ready node as unreachable.
      return UpdateControl.<LightningChannel>noUpdate().rescheduleAfter(Duration.ofSeconds(1));
    }
    LightningChannelStatus previous = channel.getStatus() == null ? new LightningChannelStatus()
        : channel.getStatus();
    LightningChannelStatus status = carryOver(previous);
    status.setObservedGeneration(channel.getMetadata().getGeneration());
    String failedReason = null;
    String failedMessage = null;
    boolean observed = false;
    Optional<ChannelConditions.Announcement> announcement = Optional.empty();
    ChannelConditions.Miner miner = new ChannelConditions.Miner(ChannelConditions.MinerKind.CHAIN, null, null);
    try {
      Ends ends = ends(context, channel, status.getChannelPoint() != null);
      miner = ChannelConditions.Miner.of(Boolean.TRUE.equals(channel.getSpec().getFund()), ends.network());
      status.setRemotePubkey(ends.remotePubkey());
      if (status.getChannelPoint() == null && OpenAttempt.recorded(channel).isPresent()) {
        // An open was attempted (here or by another instance): find its channel, never open a second one.
        adopt(context, channel, ends).ifPresent(point -> {
          status.setChannelPoint(point.toString());
          new Events(client).normal(channel, "ChannelAdopted", "found channel " + point + " opened earlier");
        });
        if (status.getChannelPoint() == null) {
          throw new Blocked("OpenAttempted", "an open was attempted (" + OpenAttempt.recorded(channel).get()
              + ") and lnd shows no channel of it yet; if lnd never opened it (its log says so), remove the "
              + "annotation " + OpenAttempt.ANNOTATION + " to try again");
        }
      }
      if (status.getChannelPoint() == null) {
        open(client, channel, ends, status);
      }
      observe(channel, ends, status);
      observed = true;
      announcement = announcement(client, channel, ends, status, previous);
      if (ends.remoteProblem().isPresent()) {
        throw ends.remoteProblem().get();
      }
      if (status.getState() == ChannelState.OPENING && Boolean.TRUE.equals(channel.getSpec().getFund())) {
        mineConfirmation(client, ends);
      }
    } catch (Blocked b) {
      failedReason = b.reason;
      failedMessage = b.getMessage();
      if (status.getState() == null) {
        status.setState(ChannelState.PENDING);
      }
    } catch (RpcException e) {
      failedReason = e instanceof LndErrorException ? "LndRefused" : "LndUnreachable";
      failedMessage = e.getMessage() + " (retried every " + OBSERVE_EVERY.toSeconds() + " s)";
      if (status.getState() == null) {
        status.setState(ChannelState.PENDING);
      }
    }
    if (!observed) {
      // What lnd said last time is no longer known: the channel carries no payments the operator can vouch for.
      status.setActive(false);
    }
    status.setConditions(conditions(channel, status, observed, announcement, miner, failedReason, failedMessage,
        previous.getConditions()));
    new Events(client).announceTransitions(channel, previous.getConditions(), status.getConditions(), CONDITION_KINDS);
    if (!Objects.equals(previous.getState(), status.getState())) {
      new Events(client).normal(channel, "Channel" + stateName(status.getState()), "channel "
          + channel.getMetadata().getName()
          + " is " + status.getState().name().toLowerCase()
          + (status.getChannelPoint() != null ? " (" + status.getChannelPoint() + ")" : ""));
    }
    UpdateControl<LightningChannel> control = status.equals(previous) ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(statusPatch(channel, status));
    boolean settled = status.equals(previous) && status.getState() == ChannelState.OPEN
        && Conditions.isTrue(status.getConditions(), ChannelConditionType.READY.type())
        && !Conditions.isTrue(status.getConditions(), ChannelConditionType.BLOCKED.type())
        && (Conditions.isTrue(status.getConditions(), ChannelConditionType.ROUTABLE.type())
            || Boolean.TRUE.equals(channel.getSpec().getPrivateChannel()));
    return control.rescheduleAfter(settled ? IDLE_EVERY : OBSERVE_EVERY);
  }

  @Override
  public DeleteControl cleanup(LightningChannel channel, Context<LightningChannel> context) {
    graphReads.forget(channel);
    KubernetesClient client = context.getClient();
    LightningChannelStatus status = carryOver(channel.getStatus() == null ? new LightningChannelStatus()
        : channel.getStatus());
    String namespace = channel.getMetadata().getNamespace();
    LightningNode from = cachedNode(context, namespace, channel.getSpec().getFrom()).orElse(null);
    if (from == null) {
      // Without its node there is nothing left to close from here; the remote end can still force-close.
      new Events(client).warning(channel, "NodeGone", "LightningNode " + channel.getSpec().getFrom()
          + " no longer exists; the channel was not closed by the operator");
      return DeleteControl.defaultDelete();
    }
    try {
      Ends ends = ends(context, channel, true);
      if (status.getChannelPoint() == null) {
        // Only a channel this resource's open attempt made is ever closed for it.
        Optional<ChannelPoint> adopted = OpenAttempt.recorded(channel).isPresent() ? adopt(context, channel, ends)
            : Optional.empty();
        if (adopted.isEmpty()) {
          return DeleteControl.defaultDelete();
        }
        status.setChannelPoint(adopted.get().toString());
      }
      ChannelPoint point = ChannelPoint.parse(status.getChannelPoint());
      observe(channel, ends, status);
      boolean fund = Boolean.TRUE.equals(channel.getSpec().getFund());
      switch (status.getState() == null ? ChannelState.PENDING : status.getState()) {
        case CLOSED -> {
          new Events(client).normal(channel, "ChannelClosed", "channel " + point + " is closed; "
              + (Boolean.TRUE.equals(channel.getSpec().getForceClose())
                  ? "lnd sweeps its time-locked funds back into the wallet once the time lock expires"
                  : "its funds are back in the wallets on chain"));
          return DeleteControl.defaultDelete();
        }
        case OPEN -> {
          boolean force = Boolean.TRUE.equals(channel.getSpec().getForceClose());
          if (force && !ForceClose.acknowledged(channel, ends.from(), point)) {
            throw new Blocked("ForceCloseNotAcknowledged", ForceClose.howToAcknowledge(ends.from(), point));
          }
          status.setClosingTxid(ends.lnd().closeChannel(point, force));
          status.setState(ChannelState.CLOSING);
          new Events(client).normal(channel, "ChannelClosing", (force ? "force-closing" : "closing") + " channel "
              + point + " in transaction " + status.getClosingTxid());
        }
        case OPENING, CLOSING -> {
          if (fund) {
            mineConfirmation(client, ends);
          }
        }
        default -> { }
      }
    } catch (Blocked | RpcException e) {
      LOG.warn("closing {}/{}: {}", namespace, channel.getMetadata().getName(), e.getMessage());
      status.setConditions(conditions(channel, status, false, Optional.empty(),
          new ChannelConditions.Miner(ChannelConditions.MinerKind.CHAIN, null, null),
          e instanceof Blocked b ? b.reason : "CloseFailed",
          "cannot close the channel yet: " + e.getMessage() + (Boolean.TRUE.equals(channel.getSpec().getForceClose())
              ? "" : "; if the peer is gone for good, set spec.forceClose: true"),
          channel.getStatus() == null ? List.of() : channel.getStatus().getConditions()));
    }
    if (!status.equals(channel.getStatus())) {
      client.resource(statusPatch(channel, status)).patchStatus();
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(OBSERVE_EVERY);
  }

  /**
   * The opening node must be ready, or for a channel already opened only reachable; the remote end must be ready
   * before opening. Once opened the remote's last known key will do: lnd's active flag tells whether the peer is
   * there, and a peer resource that is gone is reported as what blocks the channel.
   */
  private Ends ends(Context<LightningChannel> context, LightningChannel channel, boolean opened) throws Blocked {
    String namespace = channel.getMetadata().getNamespace();
    String fromName = channel.getSpec().getFrom();
    LightningNode from = opened ? knownNode(context, namespace, fromName, "spec.from")
        : readyNode(context, namespace, fromName, "spec.from");
    LndNode lnd = lndClients.admin(LndClients.key(namespace, fromName)).orElseThrow(() -> new Blocked("NodeNotReady",
        "LightningNode " + fromName + " is not reachable yet"));
    NodeInfo info = lnd.getInfo();
    Optional<BitcoinNetwork> network = Optional.ofNullable(from.getSpec().getNetwork())
        .flatMap(n -> context.getSecondaryResources(BitcoinNetwork.class).stream()
            .filter(b -> b.getMetadata().getName().equals(n)).findFirst());
    String knownPubkey = channel.getStatus() == null ? null : channel.getStatus().getRemotePubkey();
    if (channel.getSpec().getTo().getNode() != null) {
      LightningNode to;
      try {
        to = readyNode(context, namespace, channel.getSpec().getTo().getNode(), "spec.to.node");
      } catch (Blocked remoteUnavailable) {
        if (!opened || knownPubkey == null) {
          throw remoteUnavailable;
        }
        Optional<Blocked> problem = remoteUnavailable.reason.equals("NodeNotFound") ? Optional.of(remoteUnavailable)
            : Optional.empty();
        return new Ends(from, lnd, info, knownPubkey, null, network, Optional.empty(), problem);
      }
      String pubkey = to.getStatus().getIdentityPubkey();
      return new Ends(from, lnd, info, pubkey, to.getStatus().getUri().substring(pubkey.length() + 1), network,
          Optional.of(to), Optional.empty());
    }
    String uri = channel.getSpec().getTo().getUri();
    return new Ends(from, lnd, info, uri.substring(0, uri.indexOf('@')), uri.substring(uri.indexOf('@') + 1), network,
        Optional.empty(), Optional.empty());
  }

  /** A node that exists and has an identity: enough to watch a channel it has. */
  private static LightningNode knownNode(Context<LightningChannel> context, String namespace, String name,
      String field) throws Blocked {
    LightningNode node = cachedNode(context, namespace, name).orElse(null);
    if (node == null || node.getStatus() == null || node.getStatus().getIdentityPubkey() == null) {
      return readyNode(context, namespace, name, field);
    }
    return node;
  }

  private static LightningNode readyNode(Context<LightningChannel> context, String namespace, String name,
      String field) throws Blocked {
    LightningNode node = cachedNode(context, namespace, name).orElse(null);
    if (node == null) {
      throw new Blocked("NodeNotFound", "LightningNode \"" + name + "\" (" + field + ") does not exist in namespace "
          + namespace + ": create it, or fix " + field);
    }
    if (node.getStatus() == null || !Conditions.isTrue(node.getStatus().getConditions(), LightningNodeReconciler.READY)
        || node.getStatus().getIdentityPubkey() == null) {
      String why = node.getStatus() == null ? "it has no status yet" : Conditions.find(node.getStatus().getConditions(),
          LightningNodeReconciler.READY).map(Condition::getMessage).orElse("it has no Ready condition yet");
      throw new Blocked("NodeNotReady", "waiting for LightningNode " + name + " to be ready: " + why);
    }
    return node;
  }

  /** A channel lnd has to the peer with this capacity that no other LightningChannel has in its status. */
  private Optional<ChannelPoint> adopt(Context<LightningChannel> context, LightningChannel channel, Ends ends) {
    Set<String> claimed = context.getPrimaryCache().list(channel.getMetadata().getNamespace())
        .filter(c -> !c.getMetadata().getUid().equals(channel.getMetadata().getUid()))
        .filter(c -> c.getStatus() != null && c.getStatus().getChannelPoint() != null)
        .map(c -> c.getStatus().getChannelPoint()).collect(Collectors.toSet());
    long capacity = channel.getSpec().getCapacitySat();
    List<ChannelPoint> candidates = new ArrayList<>();
    ends.lnd().pendingChannels().stream()
        .filter(p -> p.stage() == PendingChannel.Stage.PENDING_OPEN)
        .filter(p -> p.remotePubkey().equals(ends.remotePubkey()) && p.capacity() == capacity)
        .forEach(p -> candidates.add(p.channelPoint()));
    ends.lnd().listChannels().stream()
        .filter(c -> c.remotePubkey().equals(ends.remotePubkey()) && c.capacity() == capacity)
        .forEach(c -> candidates.add(c.channelPoint()));
    return candidates.stream().filter(p -> !claimed.contains(p.toString())).findFirst();
  }

  /** Connects the peers, funds the wallet on a test chain when asked, and opens the channel. */
  private void open(KubernetesClient client, LightningChannel channel, Ends ends, LightningChannelStatus status)
      throws Blocked {
    String from = ends.from().getMetadata().getName();
    if (!ends.info().syncedToChain()) {
      throw new Blocked("NodeNotSynced", "LightningNode " + from + " is not synced to the chain yet");
    }
    activateSegwit(client, channel, ends);
    long needed = Funding.needed(channel.getSpec().getCapacitySat());
    WalletBalance balance = ends.lnd().walletBalance();
    if (balance.confirmedSat() < needed) {
      if (!Boolean.TRUE.equals(channel.getSpec().getFund())) {
        throw new Blocked("InsufficientFunds", "LightningNode " + from + " has " + balance.confirmedSat()
            + " sat confirmed; the channel needs " + needed + " (capacity plus " + Funding.FEE_RESERVE_SAT
            + " for fees and reserves): send coins to its wallet (kubectl blockyard ln " + from
            + " newaddress), or on regtest/simnet set spec.fund: true");
      }
      fund(client, ends, needed - balance.confirmedSat());
      return;
    }
    ends.lnd().connectPeer(ends.remotePubkey(), ends.remoteAddress());
    if (!OpenAttempt.record(client, channel, OPERATOR_INSTANCE)) {
      throw new Blocked("OpenAttempted", "the channel changed while it was being opened (another operator instance "
          + "may be opening it); looking again");
    }
    ChannelPoint point;
    try {
      point = ends.lnd().openChannel(ends.remotePubkey(), channel.getSpec().getCapacitySat(),
          channel.getSpec().getPushSat() == null ? 0 : channel.getSpec().getPushSat(),
          Boolean.TRUE.equals(channel.getSpec().getPrivateChannel()));
    } catch (LndErrorException refused) {
      // lnd answered with an error: it opened nothing, so the next pass may try again.
      OpenAttempt.clear(client, channel);
      throw refused;
    }
    status.setChannelPoint(point.toString());
    status.setState(ChannelState.OPENING);
    LOG.info("{}/{}: opened channel {}", channel.getMetadata().getNamespace(), channel.getMetadata().getName(), point);
  }

  /** On btcd's test chains segwit needs a few hundred blocks first; with spec.fund the operator mines them. */
  private void activateSegwit(KubernetesClient client, LightningChannel channel, Ends ends) throws Blocked {
    BitcoinNetwork network = ends.network().orElse(null);
    if (network == null || !network.getSpec().getChain().minesOnDemand()
        || Funding.segwitActiveHeight(network.getSpec().getImplementation(), network.getSpec().getChain()) == 0) {
      return;
    }
    long activation = Funding.segwitActiveHeight(network.getSpec().getImplementation(), network.getSpec().getChain());
    if (ends.info().blockHeight() >= activation) {
      return;
    }
    if (!Boolean.TRUE.equals(channel.getSpec().getFund())) {
      throw new Blocked("SegwitInactive", "btcd activates segwit, which channels need, at height " + activation
          + "; the chain is at " + ends.info().blockHeight() + ": mine " + (activation - ends.info().blockHeight())
          + " blocks (kubectl blockyard mine " + network.getMetadata().getName() + " "
          + (activation - ends.info().blockHeight()) + "), or set spec.fund: true");
    }
    TestChainMiner miner = miner(client, ends);
    long height = miner.height();
    if (height < activation) {
      miner.confirm((int) (activation - height));
    }
    throw new Blocked("ActivatingSegwit", "mined up to height " + activation + ", where btcd activates segwit");
  }

  /**
   * Mines coinbase outputs to the wallet and lets them mature. Only when lnd has caught up with the chain: until
   * then its balance does not show what was mined for it already.
   */
  private void fund(KubernetesClient client, Ends ends, long missingSat) throws Blocked {
    TestChainMiner miner = miner(client, ends);
    long height = miner.height();
    if (ends.info().blockHeight() < height) {
      throw new Blocked("Funding", "waiting for LightningNode " + ends.from().getMetadata().getName()
          + " to see the blocks mined for it (at " + ends.info().blockHeight() + " of " + height + ")");
    }
    int blocks = Funding.blocksToMine(miner.chain(), height + 1, missingSat);
    if (blocks < 0) {
      throw new Blocked("FundingImpossible", "the block reward at height " + height + " is too small to fund "
          + missingSat + " sat: use a smaller capacity, or a new network");
    }
    miner.fund(ends.lnd().newAddress(AddressType.WITNESS_PUBKEY_HASH), blocks);
    throw new Blocked("Funding", "mined " + blocks + " block(s) to the wallet of LightningNode "
        + ends.from().getMetadata().getName() + " and " + Funding.COINBASE_MATURITY + " for them to mature");
  }

  private TestChainMiner miner(KubernetesClient client, Ends ends) throws Blocked {
    String from = ends.from().getMetadata().getName();
    BitcoinNetwork network = ends.network().orElseThrow(() -> new Blocked("FundingNotPossible",
        "spec.fund needs a node bound to a BitcoinNetwork; " + from + " uses an external backend: send coins to "
            + "its wallet instead and remove spec.fund"));
    if (!network.getSpec().getChain().minesOnDemand()) {
      throw new Blocked("FundingNotAllowed", "spec.fund mines coins, which works on regtest and simnet only; "
          + from + " is on " + network.getSpec().getChain().name().toLowerCase() + ": remove spec.fund and send "
          + "coins to its wallet");
    }
    return TestChainMiner.of(bitcoinClients, network).orElseThrow(() -> new Blocked("NetworkNotReady",
        "node 0 of BitcoinNetwork " + network.getMetadata().getName() + " is not ready to mine"));
  }

  /** One block at a time, and only once lnd has seen the last one: confirmations, not a runaway chain. */
  private void mineConfirmation(KubernetesClient client, Ends ends) throws Blocked {
    TestChainMiner miner = miner(client, ends);
    if (ends.info().blockHeight() >= miner.height()) {
      miner.confirm(1);
    }
  }

  /** Where lnd has the channel: open, on its way open or closed, or closed. */
  private static void observe(LightningChannel channel, Ends ends, LightningChannelStatus status) {
    if (status.getChannelPoint() == null) {
      return;
    }
    ChannelPoint point = ChannelPoint.parse(status.getChannelPoint());
    status.setCapacitySat(channel.getSpec().getCapacitySat());
    for (Channel open : ends.lnd().listChannels()) {
      if (open.channelPoint().equals(point)) {
        status.setState(ChannelState.OPEN);
        status.setActive(open.active());
        status.setChannelId(open.chanId().isEmpty() ? null : open.chanId());
        status.setLocalBalanceSat(open.localBalance());
        status.setRemoteBalanceSat(open.remoteBalance());
        return;
      }
    }
    status.setActive(false);
    // Closed once the closing transaction confirms. After a force close lnd lists the channel as pending until the
    // time lock lets it sweep the funds, which it then does on its own: closed as far as the channel goes.
    for (ClosedChannel closed : ends.lnd().closedChannels()) {
      if (closed.channelPoint().equals(point)) {
        status.setState(ChannelState.CLOSED);
        status.setClosingTxid(closed.closingTxid());
        status.setLocalBalanceSat(0L);
        status.setRemoteBalanceSat(0L);
        return;
      }
    }
    for (PendingChannel pending : ends.lnd().pendingChannels()) {
      if (pending.channelPoint().equals(point)) {
        status.setState(switch (pending.stage()) {
          case PENDING_OPEN -> ChannelState.OPENING;
          case WAITING_CLOSE -> ChannelState.CLOSING;
          case PENDING_FORCE_CLOSE -> ChannelState.CLOSED;
        });
        status.setLocalBalanceSat(pending.localBalance());
        if (pending.closingTxid() != null && !pending.closingTxid().isEmpty()) {
          status.setClosingTxid(pending.closingTxid());
        }
        return;
      }
    }
    // Just opened: lnd lists it as pending a moment later. Keep the last known state.
  }

  private static List<Condition> conditions(LightningChannel channel, LightningChannelStatus status, boolean observed,
      Optional<ChannelConditions.Announcement> announcement, ChannelConditions.Miner miner, String failedReason,
      String failedMessage, List<Condition> previous) {
    long generation = channel.getMetadata().getGeneration() == null ? 0 : channel.getMetadata().getGeneration();
    String to = channel.getSpec().getTo().getNode() != null ? channel.getSpec().getTo().getNode() : "the peer";
    return ChannelConditions.of(new ChannelConditions.Seen(status.getState(), Boolean.TRUE.equals(status.getActive()),
        observed, Boolean.TRUE.equals(channel.getSpec().getPrivateChannel()), channel.getSpec().getFrom(), to,
        announcement, miner, failedReason, failedMessage), previous == null ? List.of() : previous, generation,
        Instant.now());
  }

  /**
   * How far a public open channel is from being routable; with spec.fund on a test chain, the operator mines it to
   * announcement depth. Empty when there is nothing to look at: not open, private, or routable already. Trouble
   * reading a graph or mining goes into the answer, not into Blocked: the channel itself works.
   */
  private Optional<ChannelConditions.Announcement> announcement(KubernetesClient client, LightningChannel channel,
      Ends ends, LightningChannelStatus status, LightningChannelStatus previous) {
    if (status.getState() != ChannelState.OPEN || Boolean.TRUE.equals(channel.getSpec().getPrivateChannel())
        || status.getChannelId() == null
        || Conditions.isTrue(previous.getConditions(), ChannelConditionType.ROUTABLE.type())) {
      return Optional.empty();
    }
    String id = status.getChannelId();
    long confirmations = ChannelConditions.confirmations(id, ends.info().blockHeight());
    if (confirmations < LightningChannelStatus.ANNOUNCEMENT_CONFIRMATIONS) {
      String problem = null;
      if (Boolean.TRUE.equals(channel.getSpec().getFund())) {
        try {
          TestChainMiner miner = miner(client, ends);
          if (ends.info().blockHeight() >= miner.height()) {
            miner.confirm((int) (LightningChannelStatus.ANNOUNCEMENT_CONFIRMATIONS - confirmations));
          }
        } catch (Blocked | RpcException e) {
          problem = "cannot mine them yet: " + e.getMessage();
        }
      }
      return Optional.of(new ChannelConditions.Announcement(confirmations, false, false, problem));
    }
    if (!graphReads.due(channel, ends.network().map(n -> n.getSpec().getChain().minesOnDemand()).orElse(false))) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    boolean local = inGraph(ends.lnd(), id, ends.from().getMetadata().getName(), problems);
    Boolean remote = null;
    String toName = channel.getSpec().getTo().getNode();
    if (toName != null) {
      Optional<LndNode> remoteLnd = ends.to().flatMap(to -> lndClients.admin(LndClients.key(
          to.getMetadata().getNamespace(), to.getMetadata().getName())));
      if (remoteLnd.isEmpty()) {
        problems.add("LightningNode " + toName + " is not ready, so its graph cannot be read");
      }
      remote = remoteLnd.isPresent() && inGraph(remoteLnd.get(), id, toName, problems);
    }
    return Optional.of(new ChannelConditions.Announcement(confirmations, local, remote,
        problems.isEmpty() ? null : String.join("; ", problems)));
  }

  private static boolean inGraph(LndNode lnd, String channelId, String node, List<String> problems) {
    try {
      return lnd.announcedChannelIds().contains(channelId);
    } catch (RpcException e) {
      problems.add("cannot read the graph of " + node + ": " + e.getMessage());
      return false;
    }
  }

  /** Open, Opening, ...: as the resource shows it. */
  static String stateName(ChannelState state) {
    return state.name().charAt(0) + state.name().substring(1).toLowerCase();
  }

  private static LightningChannelStatus carryOver(LightningChannelStatus previous) {
    LightningChannelStatus status = new LightningChannelStatus();
    status.setChannelPoint(previous.getChannelPoint());
    status.setChannelId(previous.getChannelId());
    status.setState(previous.getState());
    status.setClosingTxid(previous.getClosingTxid());
    status.setRemotePubkey(previous.getRemotePubkey());
    status.setCapacitySat(previous.getCapacitySat());
    status.setLocalBalanceSat(previous.getLocalBalanceSat());
    status.setRemoteBalanceSat(previous.getRemoteBalanceSat());
    status.setActive(previous.getActive());
    status.setConditions(previous.getConditions());
    return status;
  }

  private static LightningChannel statusPatch(LightningChannel channel, LightningChannelStatus status) {
    LightningChannel patch = new LightningChannel();
    patch.setMetadata(new ObjectMetaBuilder().withName(channel.getMetadata().getName())
        .withNamespace(channel.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    return patch;
  }
}
