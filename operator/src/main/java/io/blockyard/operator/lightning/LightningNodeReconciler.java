package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNodeStatus;
import io.blockyard.api.lightning.NodeConditionReason;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.Events;
import io.blockyard.operator.Pods;
import io.blockyard.operator.ReconcileFailure;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.operator.lightning.dependent.CanStartLnd;
import io.blockyard.operator.lightning.dependent.LndNetworkPolicyDependent;
import io.blockyard.operator.lightning.dependent.LndServiceDependent;
import io.blockyard.operator.lightning.dependent.LndStatefulSetDependent;
import io.blockyard.operator.lightning.dependent.LndTlsSecretDependent;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a LightningNode true: its certificate, Service and StatefulSet (dependents below), then lnd itself over REST:
 * the wallet (created, restored or unlocked), the connection Secret, and status with what lnd reports.
 *
 * <p>Each pass after the dependents has three steps: observe the node's pod, Secrets and lnd ({@link NodeObserver}),
 * plan the one step to take, the status and the next look ({@link NodePlanner}, pure), and act ({@link NodeActions}).
 */
@Workflow(dependents = {
    @Dependent(name = "tls", type = LndTlsSecretDependent.class, useEventSourceWithName = WatchedSecrets.OWN),
    @Dependent(name = "service", type = LndServiceDependent.class),
    // lnd answers initwallet to whoever calls first: it starts only once its NetworkPolicy exists.
    @Dependent(name = "policy", type = LndNetworkPolicyDependent.class),
    @Dependent(name = "lnd", type = LndStatefulSetDependent.class, dependsOn = {"tls", "service", "policy"},
        reconcilePrecondition = CanStartLnd.class)})
@ControllerConfiguration(name = "lightningnode")
public class LightningNodeReconciler implements Reconciler<LightningNode> {
  private static final Logger LOG = LoggerFactory.getLogger(LightningNodeReconciler.class);
  public static final String READY = "Ready";
  public static final String CHAIN_LABEL = "blockyard.io/chain";
  public static final String WALLET_READY = "WalletReady";
  public static final String SYNCED = "Synced";
  static final Duration OBSERVE_EVERY = Duration.ofSeconds(3);
  /**
   * How soon a node is looked at again once it is ready and stays so, a safety net: lnd's own events (channels, HTLCs,
   * peers, wallet transactions), its network's new blocks and its pod's changes wake it at once.
   */
  static final Duration IDLE_EVERY = Duration.ofMinutes(5);
  /** The same for a node whose event streams do not answer (yet): it is polled as before them. */
  static final Duration IDLE_UNSUBSCRIBED_EVERY = Duration.ofSeconds(30);

  static final String NETWORKS = "networks";
  private static final String NETWORK_INDEX = "network";

  /** The WalletReady reasons that mean trouble rather than progress: logged, as they are retried every pass. */
  private static final Set<NodeConditionReason> TROUBLE = EnumSet.of(NodeConditionReason.LND_UNREACHABLE,
      NodeConditionReason.SECRET_WRITE_FAILED, NodeConditionReason.WALLET_NOT_CREATED_BY_OPERATOR);

  private final SecureRandom random = new SecureRandom();
  private final LndClients lndClients;
  private final NodeObserver observer;

  /** @param lndClients the lnd clients, shared with the channel reconciler */
  public LightningNodeReconciler(LndClients lndClients) {
    this.lndClients = lndClients;
    this.observer = new NodeObserver(lndClients);
  }

  @Override
  public List<EventSource<?, LightningNode>> prepareEventSources(EventSourceContext<LightningNode> context) {
    var pods = InformerEventSourceConfiguration.from(Pod.class, LightningNode.class)
        .withName("lightning-node-pods")
        .withLabelSelector(LightningNames.OWN_SELECTOR)
        .withOnUpdateFilter(Pods.CHANGED_AS_READ)
        .withSecondaryToPrimaryMapper(pod -> {
          String node = pod.getMetadata().getLabels().get(LightningNames.NODE_LABEL);
          return node == null ? Set.of() : Set.of(new ResourceID(node, pod.getMetadata().getNamespace()));
        })
        .build();
    // The bound network from a watched cache: its changes (a new node 0, a new block) wake its Lightning nodes.
    var nodes = context.getPrimaryCache();
    nodes.addIndexer(NETWORK_INDEX, n -> n.getSpec().getNetwork() == null ? List.of()
        : List.of(n.getMetadata().getNamespace() + "/" + n.getSpec().getNetwork()));
    var networks = InformerEventSourceConfiguration.from(BitcoinNetwork.class, LightningNode.class)
        .withName(NETWORKS)
        .withSecondaryToPrimaryMapper(network -> nodes.byIndex(NETWORK_INDEX, network.getMetadata().getNamespace()
            + "/" + network.getMetadata().getName()).stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((LightningNode n) -> n.getSpec().getNetwork() == null ? Set.of()
            : Set.of(new ResourceID(n.getSpec().getNetwork(), n.getMetadata().getNamespace())))
        .build();
    return List.of(new InformerEventSource<>(pods, context), new InformerEventSource<>(networks, context),
        WatchedSecrets.own(context, LightningNode.class, LightningNames.OWN_SELECTOR, LightningNames.NODE_LABEL),
        WatchedSecrets.referenced(context, LightningNode.class, LightningNodeReconciler::referencedSecrets),
        lndClients.events().nodeEvents());
  }

  /** The user's Secrets a node names: an external backend's, a wallet password or seed of their own. */
  static Set<String> referencedSecrets(LightningNode node) {
    Set<String> names = new HashSet<>();
    if (node.getSpec().getExternalBackend() != null && node.getSpec().getExternalBackend().getSecret() != null) {
      names.add(node.getSpec().getExternalBackend().getSecret());
    }
    names.add(WalletSecrets.walletSecretName(node));
    names.add(WalletSecrets.seedSecretName(node));
    return names;
  }

  /** A failed owned object or step: Ready=False saying what failed and what to do, and a Warning event. */
  @Override
  public ErrorStatusUpdateControl<LightningNode> updateErrorStatus(LightningNode node, Context<LightningNode> context, Exception e) {
    return ReconcileFailure.errorStatus(node, context, e, LightningNode::new, LightningNodeStatus::new);
  }

  @Override
  public UpdateControl<LightningNode> reconcile(LightningNode node, Context<LightningNode> context) {
    Instant now = Instant.now();
    LightningNodeStatus previous = node.getStatus() == null ? new LightningNodeStatus() : node.getStatus();
    NodeObservation observation = observer.observe(node, context);
    NodePlanner planner = new NodePlanner(node);
    NodePlan plan = planner.plan(observation, now);
    NodeActions.Outcome outcome = new NodeActions(node, context, lndClients, random).act(plan, observation);
    LightningNodeStatus status = outcome.asPlanned() ? plan.status()
        : planner.failed(observation, outcome.failure(), now);
    NodePlan.Wallet wallet = outcome.asPlanned() ? plan.wallet() : outcome.failure();

    LightningNames names = LightningNames.of(node);
    if (wallet != null && TROUBLE.contains(wallet.reason())) {
      LOG.warn("{}/{}: {}: {}", names.namespace(), names.node(), wallet.reason().reason(), wallet.message());
    }
    String key = LndClients.key(names.namespace(), names.node());
    if (!Conditions.isTrue(status.getConditions(), WALLET_READY)) {
      lndClients.forgetAdmin(key);
    }
    lndClients.retainNodes(context.getPrimaryCache().list()
        .map(n -> LndClients.key(n.getMetadata().getNamespace(), n.getMetadata().getName())).toList());
    new Events(context.getClient()).announceTransitions(node, previous.getConditions(), status.getConditions());

    UpdateControl<LightningNode> control;
    if (status.equals(previous)) {
      control = UpdateControl.noUpdate();
    } else {
      LightningNode patch = new LightningNode();
      patch.setMetadata(new ObjectMetaBuilder().withName(names.node()).withNamespace(names.namespace()).build());
      patch.setStatus(status);
      control = UpdateControl.patchStatus(patch);
    }
    // A failed step leaves the node unsettled: looked at again soon, as any node on its way.
    return control.rescheduleAfter(outcome.asPlanned() ? plan.observeAgain() : OBSERVE_EVERY);
  }
}
