package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.bitcoin.NetworkConditionReason;
import io.blockyard.operator.Events;
import io.blockyard.operator.Pods;
import io.blockyard.operator.ReconcileFailure;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.operator.bitcoin.dependent.ClientServiceDependent;
import io.blockyard.operator.bitcoin.dependent.ConnectionSecretDependent;
import io.blockyard.operator.bitcoin.dependent.CredentialsSecretDependent;
import io.blockyard.operator.bitcoin.dependent.HeadlessServiceDependent;
import io.blockyard.operator.bitcoin.dependent.NodeConfigMapDependent;
import io.blockyard.operator.bitcoin.dependent.NodeNetworkPolicyDependent;
import io.blockyard.operator.bitcoin.dependent.NodeStatefulSetDependent;
import io.blockyard.operator.bitcoin.dependent.RpcAuthSecretDependent;
import io.blockyard.operator.bitcoin.dependent.RpcTlsSecretDependent;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.RpcEndpoint;
import io.blockyard.rpc.SharedHttpClients;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Keeps a BitcoinNetwork true: the owned objects (through the dependents below), then the nodes themselves over
 * RPC, in four steps: observe the nodes ({@link NetworkObserver}), plan what to change (mesh, block relay, mining;
 * {@link NetworkPlanner}, pure), act on the plan ({@link NetworkActions}), and report the status
 * ({@link NetworkReport}, pure).
 */
@Workflow(dependents = {
    // Each a no-op when the user names a Secret of their own (not a precondition: that would delete what follows).
    @Dependent(name = "credentials", type = CredentialsSecretDependent.class,
        useEventSourceWithName = WatchedSecrets.OWN),
    @Dependent(name = "tls", type = RpcTlsSecretDependent.class, useEventSourceWithName = WatchedSecrets.OWN),
    @Dependent(name = "config", type = NodeConfigMapDependent.class),
    @Dependent(name = "headless", type = HeadlessServiceDependent.class),
    @Dependent(name = "client", type = ClientServiceDependent.class),
    @Dependent(name = "policy", type = NodeNetworkPolicyDependent.class),
    // The nodes' credential files, made from the credentials in the same pass: before the pods that mount them, so
    // that no kubelet backs off from a missing Secret. A user's Secret that is missing stops here, with its reason.
    @Dependent(name = "rpcauth", type = RpcAuthSecretDependent.class, dependsOn = {"credentials", "tls"},
        useEventSourceWithName = WatchedSecrets.OWN),
    @Dependent(name = "nodes", type = NodeStatefulSetDependent.class,
        dependsOn = {"config", "headless", "policy", "rpcauth"}),
    @Dependent(name = "connection", type = ConnectionSecretDependent.class, dependsOn = "nodes",
        useEventSourceWithName = WatchedSecrets.OWN)})
@ControllerConfiguration(name = "bitcoinnetwork")
public class BitcoinNetworkReconciler implements Reconciler<BitcoinNetwork>, AutoCloseable {
  /** A new network's nodes starting and meshing is news, not a warning; a network that loses them again is. */
  private static final Events.ConditionKinds CONDITION_KINDS = Events.ConditionKinds.NONE.starting(Set.of(
      NetworkConditionReason.NODES_NOT_READY.reason(), NetworkConditionReason.NO_READY_NODES.reason(),
      NetworkConditionReason.MESH_INCOMPLETE.reason(), NetworkConditionReason.DIFFERENT_TIPS.reason()));
  private final NodeClients clients;
  private final BlockNotifications notifications;
  private final ExecutorService rpcCalls = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "node-rpc");
    t.setDaemon(true);
    return t;
  });
  private final NetworkObserver observer = new NetworkObserver(rpcCalls);
  /** Per network UID: what the operator remembers between passes (see {@link NetworkMemory}). */
  private final Map<String, NetworkMemory> memories = new ConcurrentHashMap<>();
  private final NetworkAddressBook addressBook = new NetworkAddressBook();

  /**
   * @param clients the node clients, shared with the Lightning reconcilers
   * @param http the HTTP clients that carry btcd's block notifications
   */
  public BitcoinNetworkReconciler(NodeClients clients, SharedHttpClients http) {
    this.clients = clients;
    this.notifications = new BlockNotifications(http);
  }

  @Override
  public List<EventSource<?, BitcoinNetwork>> prepareEventSources(EventSourceContext<BitcoinNetwork> context) {
    // Pod readiness and IPs drive the mesh; the StatefulSet alone does not report a replaced pod's new IP.
    var pods = InformerEventSourceConfiguration.from(Pod.class, BitcoinNetwork.class)
        .withLabelSelector(NetworkNames.OWN_SELECTOR)
        .withOnUpdateFilter(Pods.CHANGED_AS_READ)
        .withSecondaryToPrimaryMapper(pod -> {
          String network = pod.getMetadata().getLabels().get(NetworkNames.NETWORK_LABEL);
          return network == null ? Set.of() : Set.of(new ResourceID(network, pod.getMetadata().getNamespace()));
        })
        .build();
    return List.of(new InformerEventSource<>(pods, context),
        WatchedSecrets.own(context, BitcoinNetwork.class, NetworkNames.OWN_SELECTOR, NetworkNames.NETWORK_LABEL),
        WatchedSecrets.referenced(context, BitcoinNetwork.class, RpcAccess::referencedSecrets),
        notifications.eventSource());
  }

  @Override
  public UpdateControl<BitcoinNetwork> reconcile(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    forgetGoneNetworks(context.getPrimaryCache().list().map(n -> n.getMetadata().getUid()).collect(Collectors.toSet()));
    NetworkNames names = NetworkNames.of(network);
    String uid = network.getMetadata().getUid();
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    var chain = network.getSpec().getChain();
    BitcoinNetworkStatus previous = network.getStatus() == null ? new BitcoinNetworkStatus() : network.getStatus();
    Instant now = Instant.now();

    // Observe.
    List<Pod> pods = NetworkObserver.pods(context, names);
    Optional<RpcAccess> access = RpcAccess.of(network, context);
    Map<Integer, RpcEndpoint> endpoints = NetworkObserver.endpoints(pods, names, access, program.rpcPort(chain));
    Map<Integer, BitcoinNode> ready = clients.use(uid, network.getSpec().getImplementation(), endpoints);
    boolean notified = network.getSpec().getImplementation() == Implementation.BTCD
        && notifications.keep(network, ready.values().stream().map(BitcoinNode::endpoint).toList());
    NetworkObservation observation = observer.observe(pods, names,
        access.isPresent() ? null : RpcAccess.whatIsMissing(network, context), ready);

    // Plan.
    int p2pPort = program.p2pPort(chain);
    Set<String> networkAddresses = new HashSet<>();
    observation.nodes().stream().filter(n -> n.ip() != null).forEach(n -> networkAddresses.add(n.ip() + ":" + p2pPort));
    previous.getNodes().stream().filter(n -> n.getIp() != null)
        .forEach(n -> networkAddresses.add(n.getIp() + ":" + p2pPort));
    NetworkPlan plan = new NetworkPlanner(network.getSpec(), p2pPort, notified).plan(observation, previous,
        addressBook.owned(uid, networkAddresses), memories.getOrDefault(uid, NetworkMemory.EMPTY), now);

    // Act.
    Events events = new Events(context.getClient());
    Map<Integer, BitcoinNode> answered = new LinkedHashMap<>();
    observation.answered().keySet().forEach(o -> answered.put(o, ready.get(o)));
    NetworkActions.Outcome outcome = new NetworkActions(network, answered, events).act(plan, observation, now);
    memories.put(uid, outcome.memory());

    // Report.
    BitcoinNetworkStatus status = NetworkReport.status(network, observation, outcome, previous, now);
    addressBook.prune(uid, observation.nodes().stream().filter(n -> n.ip() != null).map(n -> n.ip() + ":" + p2pPort)
        .toList(), status.getNodes().stream()
            .map(n -> n.getAddedNodes() == null ? List.<String>of() : n.getAddedNodes()).toList());
    events.announceTransitions(network, previous.getConditions(), status.getConditions(), CONDITION_KINDS);
    if (!status.equals(previous)) {
      BitcoinNetwork patch = new BitcoinNetwork();
      patch.setMetadata(new ObjectMetaBuilder().withName(names.network()).withNamespace(names.namespace()).build());
      patch.setStatus(status);
      // The cache is given the written status at once: a pass that comes before the informer's event would
      // otherwise compare with the old status and write the same one again.
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(network, patch, context);
    }
    return UpdateControl.<BitcoinNetwork>noUpdate().rescheduleAfter(plan.observeAgain());
  }

  /** A failed owned object or step: Ready=False saying what failed and what to do, and a Warning event. */
  @Override
  public ErrorStatusUpdateControl<BitcoinNetwork> updateErrorStatus(BitcoinNetwork network,
      Context<BitcoinNetwork> context, Exception e) {
    return ReconcileFailure.errorStatus(network, context, e, BitcoinNetwork::new, BitcoinNetworkStatus::new);
  }

  /** What is kept in memory per network goes with its network: its clients, subscriptions, clocks, addresses. */
  private void forgetGoneNetworks(Set<String> uids) {
    clients.retainNetworks(uids);
    notifications.retainNetworks(uids);
    memories.keySet().retainAll(uids);
    addressBook.retainNetworks(uids);
  }

  /** Closes the block subscriptions and the RPC pool. */
  @Override
  public void close() {
    notifications.close();
    rpcCalls.shutdownNow();
  }
}
