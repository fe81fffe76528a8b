package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ChannelConditionType;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Events;
import io.blockyard.operator.ReconcileFailure;
import io.blockyard.operator.bitcoin.NodeClients;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a channel once and keeps its status true; closes it on deletion (finalizer). The channel point in status is
 * what ties the resource to lnd's channel: once set, the operator never opens another; before it is set, a channel
 * to the same peer with the same capacity that no other LightningChannel claims is adopted, so an operator that
 * stopped between opening and recording still ends up with exactly one channel.
 *
 * <p>Each pass has four steps: observe the ends and lnd ({@link ChannelObserver}), plan the one step to take and the
 * status ({@link ChannelPlanner}, pure), act ({@link ChannelActions}), and report ({@link ChannelReport}, pure).
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
  private final GraphReads graphReads = new GraphReads(GRAPH_READ_EVERY);
  private final ChannelObserver observer;

  /** @param bitcoinClients for mining on a test chain; @param lndClients the node reconciler's lnd clients */
  public LightningChannelReconciler(NodeClients bitcoinClients, LndClients lndClients) {
    this.bitcoinClients = bitcoinClients;
    this.lndClients = lndClients;
    this.observer = new ChannelObserver(lndClients, bitcoinClients, graphReads);
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
    Set<String> names = new HashSet<>();
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

  /** A failed owned object or step: Ready=False saying what failed and what to do, and a Warning event. */
  @Override
  public ErrorStatusUpdateControl<LightningChannel> updateErrorStatus(LightningChannel channel,
      Context<LightningChannel> context, Exception e) {
    return ReconcileFailure.errorStatus(channel, context, e, LightningChannel::new, LightningChannelStatus::new);
  }

  @Override
  public UpdateControl<LightningChannel> reconcile(LightningChannel channel, Context<LightningChannel> context) {
    Instant now = Instant.now();
    LightningChannelStatus previous = channel.getStatus() == null ? new LightningChannelStatus()
        : channel.getStatus();
    ChannelObservation observation = observer.observe(channel, context, now);
    ChannelPlan plan = new ChannelPlanner(channel).plan(observation, now);
    Events events = new Events(context.getClient());
    ChannelActions.Outcome outcome = new ChannelActions(channel, context.getClient(), lndClients, bitcoinClients,
        events).act(plan, observation.network());
    LightningChannelStatus status = ChannelReport.status(channel, plan, outcome, now);

    events.announceTransitions(channel, previous.getConditions(), status.getConditions(), CONDITION_KINDS);
    if (!Objects.equals(previous.getState(), status.getState())) {
      events.normal(channel, "Channel" + status.getState().display(), "channel " + channel.getMetadata().getName()
          + " is " + status.getState().name().toLowerCase()
          + (status.getChannelPoint() != null ? " (" + status.getChannelPoint() + ")" : ""));
    }
    UpdateControl<LightningChannel> control = status.equals(previous) ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(statusPatch(channel, status));
    return control.rescheduleAfter(plan.observeAgain());
  }

  @Override
  public DeleteControl cleanup(LightningChannel channel, Context<LightningChannel> context) {
    graphReads.forget(channel.getMetadata().getUid());
    Instant now = Instant.now();
    ChannelObservation observation = observer.observe(channel, context, now);
    ChannelPlan plan = new ChannelPlanner(channel).planClose(observation, now);
    ChannelActions.Outcome outcome = new ChannelActions(channel, context.getClient(), lndClients, bitcoinClients,
        new Events(context.getClient())).act(plan, observation.network());
    if (plan.step() instanceof ChannelPlan.ReleaseFinalizer) {
      return DeleteControl.defaultDelete();
    }
    LightningChannelStatus status = ChannelReport.status(channel, plan, outcome, now);
    if (outcome.failure() != null || plan.seen().blockedReason() != null) {
      LOG.warn("closing {}/{}: {}", channel.getMetadata().getNamespace(), channel.getMetadata().getName(),
          outcome.failure() != null ? outcome.failure().message() : plan.seen().blockedMessage());
    }
    if (!status.equals(channel.getStatus())) {
      context.getClient().resource(statusPatch(channel, status)).patchStatus();
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(plan.observeAgain());
  }

  private static LightningChannel statusPatch(LightningChannel channel, LightningChannelStatus status) {
    LightningChannel patch = new LightningChannel();
    patch.setMetadata(new ObjectMetaBuilder().withName(channel.getMetadata().getName())
        .withNamespace(channel.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    return patch;
  }
}
