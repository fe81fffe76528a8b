package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.MiningSpec;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.operator.Events;
import io.blockyard.operator.Pods;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.operator.bitcoin.dependent.ClientServiceDependent;
import io.blockyard.operator.bitcoin.dependent.ConnectionSecretDependent;
import io.blockyard.operator.bitcoin.dependent.CredentialsSecretDependent;
import io.blockyard.operator.bitcoin.dependent.GeneratesCredentials;
import io.blockyard.operator.bitcoin.dependent.GeneratesTls;
import io.blockyard.operator.bitcoin.dependent.HeadlessServiceDependent;
import io.blockyard.operator.bitcoin.dependent.NodeConfigMapDependent;
import io.blockyard.operator.bitcoin.dependent.NodeStatefulSetDependent;
import io.blockyard.operator.bitcoin.dependent.RpcTlsSecretDependent;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.MiningAddresses;
import io.blockyard.rpc.NodeObservation;
import io.blockyard.rpc.RpcEndpoint;
import io.blockyard.rpc.RpcException;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a BitcoinNetwork true: the owned objects (through the dependents below), then the nodes themselves over
 * RPC: observe, mesh, mine on test chains, and report what it sees in status and events.
 */
@Workflow(dependents = {
    @Dependent(name = "credentials", type = CredentialsSecretDependent.class,
        reconcilePrecondition = GeneratesCredentials.class, useEventSourceWithName = WatchedSecrets.OWN),
    @Dependent(name = "tls", type = RpcTlsSecretDependent.class, reconcilePrecondition = GeneratesTls.class,
        useEventSourceWithName = WatchedSecrets.OWN),
    @Dependent(name = "config", type = NodeConfigMapDependent.class),
    @Dependent(name = "headless", type = HeadlessServiceDependent.class),
    @Dependent(name = "client", type = ClientServiceDependent.class),
    @Dependent(name = "nodes", type = NodeStatefulSetDependent.class, dependsOn = {"config", "headless"}),
    @Dependent(name = "connection", type = ConnectionSecretDependent.class, dependsOn = "nodes",
        useEventSourceWithName = WatchedSecrets.OWN)})
@ControllerConfiguration(name = "bitcoinnetwork")
public class BitcoinNetworkReconciler implements Reconciler<BitcoinNetwork> {
  private static final Logger LOG = LoggerFactory.getLogger(BitcoinNetworkReconciler.class);
  /** How often the nodes are asked for their tip when nothing else happens. */
  static final Duration OBSERVE_EVERY = Duration.ofSeconds(2);

  private final NodeClients clients;
  private final ExecutorService rpcCalls = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "node-rpc");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Instant> lastIntervalBlock = new ConcurrentHashMap<>();
  /** Per network UID: no mining before this, after a mining call failed (it may have mined all the same). */
  private final Map<String, Instant> miningPausedUntil = new ConcurrentHashMap<>();
  static final int INITIAL_MINING_BATCH = 20;
  static final Duration MINING_PAUSE_AFTER_FAILURE = Duration.ofSeconds(10);
  private final Map<String, Instant> behindSince = new ConcurrentHashMap<>();
  /** Per network UID: the mining address candidate its nodes accepted (see {@link #miningAddress}). */
  private final Map<String, String> miningAddresses = new ConcurrentHashMap<>();
  private final NetworkAddressBook addressBook = new NetworkAddressBook();
  /** Peers usually deliver a new block within this; only a node behind for longer gets blocks by RPC. */
  static final Duration BEHIND_BEFORE_RELAY = Duration.ofSeconds(4);
  static final int RELAY_BATCH = 500;

  /** @param clients the node clients, shared with the Lightning reconcilers */
  public BitcoinNetworkReconciler(NodeClients clients) {
    this.clients = clients;
  }

  @Override
  public List<EventSource<?, BitcoinNetwork>> prepareEventSources(EventSourceContext<BitcoinNetwork> context) {
    // Pod readiness and IPs drive the mesh; the StatefulSet alone does not report a replaced pod's new IP.
    var pods = InformerEventSourceConfiguration.from(Pod.class, BitcoinNetwork.class)
        .withLabelSelector(NetworkNames.OWN_SELECTOR)
        .withSecondaryToPrimaryMapper(pod -> {
          String network = pod.getMetadata().getLabels().get(NetworkNames.NETWORK_LABEL);
          return network == null ? Set.of() : Set.of(new ResourceID(network, pod.getMetadata().getNamespace()));
        })
        .build();
    return List.of(new InformerEventSource<>(pods, context),
        WatchedSecrets.own(context, BitcoinNetwork.class, NetworkNames.OWN_SELECTOR, NetworkNames.NETWORK_LABEL),
        WatchedSecrets.referenced(context, BitcoinNetwork.class, RpcAccess::referencedSecrets));
  }

  @Override
  public UpdateControl<BitcoinNetwork> reconcile(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    NetworkNames names = NetworkNames.of(network);
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    int p2pPort = program.p2pPort(network.getSpec().getChain());
    int rpcPort = program.rpcPort(network.getSpec().getChain());
    BitcoinNetworkStatus previous = network.getStatus() == null ? new BitcoinNetworkStatus() : network.getStatus();

    List<Pod> pods = context.getSecondaryResources(Pod.class).stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> ordinal(p, names) >= 0)
        .sorted(Comparator.comparingInt(p -> ordinal(p, names))).toList();
    Map<Integer, NodeStatus> nodes = new LinkedHashMap<>();
    for (Pod pod : pods) {
      int ordinal = ordinal(pod, names);
      NodeStatus node = new NodeStatus();
      node.setOrdinal(ordinal);
      node.setPod(pod.getMetadata().getName());
      node.setReady(Pods.isReady(pod));
      node.setIp(pod.getStatus() == null ? null : pod.getStatus().getPodIP());
      node.setDnsName(names.podDnsName(ordinal));
      nodes.put(ordinal, node);
    }

    Optional<RpcAccess> access = RpcAccess.of(network, context);
    Map<Integer, RpcEndpoint> endpoints = new LinkedHashMap<>();
    if (access.isPresent()) {
      for (NodeStatus node : nodes.values()) {
        if (Boolean.TRUE.equals(node.getReady()) && node.getIp() != null) {
          endpoints.put(node.getOrdinal(), access.get().endpoint(node.getIp(), rpcPort));
        }
      }
    }
    Map<Integer, BitcoinNode> ready = clients.use(network.getMetadata().getUid(), program.name(), endpoints);
    forgetGoneNetworks(context.getPrimaryCache().list().map(n -> n.getMetadata().getUid()).collect(Collectors.toSet()));
    List<String> unreachable = new ArrayList<>();
    Map<Integer, NodeObservation> observed = observeAll(ready, nodes, unreachable);
    keepLastKnownAddedNodes(nodes, observed, previous);

    syncMesh(network, nodes, observed, previous, p2pPort, ready, unreachable);
    if (BlockRelay.needed(network.getSpec().getChain())) {
      relayToLaggards(network, nodes, observed, ready);
    }
    mine(network, ready, observed, context);

    BitcoinNetworkStatus status = new BitcoinNetworkStatus();
    status.setObservedGeneration(network.getMetadata().getGeneration());
    status.setReplicas(pods.size());
    status.setReadyReplicas((int) nodes.values().stream().filter(n -> Boolean.TRUE.equals(n.getReady())).count());
    status.setSelector(names.selectorString());
    status.setNodes(new ArrayList<>(nodes.values()));
    observed.values().stream().max(Comparator.comparingLong(NodeObservation::height)).ifPresent(best -> {
      status.setBlockHeight(best.height());
      status.setBestBlockHash(best.bestBlockHash());
    });
    if (access.isEmpty()) {
      unreachable.add("the RPC credentials Secret \"" + CredentialsSecret.nameFor(network) + "\""
          + (RpcTlsSecret.nameFor(network) != null ? " or TLS Secret \"" + RpcTlsSecret.nameFor(network) + "\"" : "")
          + " does not exist yet");
    }
    List<String> podProblems = pods.stream().map(Pods::problem).flatMap(Optional::stream).toList();
    List<Condition> conditions = new ArrayList<>(NetworkConditions.compute(status, network.getSpec().getReplicas(),
        unreachable, podProblems, network.getMetadata().getGeneration(), previous.getConditions(), Instant.now()));
    NetworkConditions.chainKept(network.getSpec(), network.getMetadata().getGeneration(), previous.getConditions(),
        Instant.now()).ifPresent(conditions::add);
    status.setConditions(conditions);
    new Events(context.getClient()).announceTransitions(network, previous.getConditions(), status.getConditions());

    if (!status.equals(previous)) {
      BitcoinNetwork patch = new BitcoinNetwork();
      patch.setMetadata(new ObjectMetaBuilder().withName(names.network()).withNamespace(names.namespace()).build());
      patch.setStatus(status);
      // The cache is given the written status at once: a pass that comes before the informer's event would
      // otherwise compare with the old status and write the same one again.
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(network, patch, context);
    }
    return UpdateControl.<BitcoinNetwork>noUpdate().rescheduleAfter(OBSERVE_EVERY);
  }

  /** What is kept in memory per network goes with its network: its clients, mining clock, relay timers. */
  private void forgetGoneNetworks(Set<String> uids) {
    clients.retainNetworks(uids);
    lastIntervalBlock.keySet().retainAll(uids);
    miningPausedUntil.keySet().retainAll(uids);
    miningAddresses.keySet().retainAll(uids);
    addressBook.retainNetworks(uids);
    behindSince.keySet().removeIf(key -> !uids.contains(key.substring(0, key.indexOf('/'))));
  }

  /** One batched RPC per ready node, in parallel; a node that does not answer is reported, not waited for. */
  private Map<Integer, NodeObservation> observeAll(Map<Integer, BitcoinNode> ready, Map<Integer, NodeStatus> nodes,
      List<String> unreachable) {
    Map<Integer, CompletableFuture<NodeObservation>> calls = new LinkedHashMap<>();
    ready.forEach((ordinal, node) -> calls.put(ordinal, CompletableFuture.supplyAsync(node::observe, rpcCalls)));
    Map<Integer, NodeObservation> observed = new LinkedHashMap<>();
    calls.forEach((ordinal, call) -> {
      try {
        NodeObservation o = call.join();
        observed.put(ordinal, o);
        NodeStatus node = nodes.get(ordinal);
        node.setBlockHeight(o.height());
        node.setPeers(o.peerCount());
        node.setAddedNodes(new ArrayList<>(new TreeSet<>(o.addedNodes())));
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        unreachable.add(nodes.get(ordinal).getPod() + ": " + cause.getMessage());
      }
    });
    return observed;
  }

  /**
   * Adds every other ready node and removes gone ones. btcd lists only the added nodes it is connected to, so
   * what the operator added before (the last status) counts as added too.
   */
  private void syncMesh(BitcoinNetwork network, Map<Integer, NodeStatus> nodes,
      Map<Integer, NodeObservation> observed, BitcoinNetworkStatus previous, int p2pPort,
      Map<Integer, BitcoinNode> ready, List<String> unreachable) {
    Map<Integer, String> readyAddresses = new LinkedHashMap<>();
    observed.keySet().forEach(o -> readyAddresses.put(o, nodes.get(o).getIp() + ":" + p2pPort));
    Map<Integer, Set<String>> known = new HashMap<>();
    for (var entry : observed.entrySet()) {
      Set<String> k = new TreeSet<>(entry.getValue().addedNodes());
      previous.getNodes().stream()
          .filter(p -> entry.getKey().equals(p.getOrdinal()) && nodes.get(entry.getKey()).getIp() != null
              && nodes.get(entry.getKey()).getIp().equals(p.getIp()))
          .forEach(p -> k.addAll(p.getAddedNodes()));
      known.put(entry.getKey(), k);
    }
    Set<String> podAddresses = new HashSet<>();
    nodes.values().stream().filter(n -> n.getIp() != null).forEach(n -> podAddresses.add(n.getIp() + ":" + p2pPort));
    Set<String> networkAddresses = new HashSet<>(podAddresses);
    previous.getNodes().stream().filter(n -> n.getIp() != null)
        .forEach(n -> networkAddresses.add(n.getIp() + ":" + p2pPort));
    String uid = network.getMetadata().getUid();
    MeshPlan.plan(readyAddresses, known, network.getSpec().getPeers(), addressBook.owned(uid, networkAddresses))
        .forEach((ordinal, changes) -> {
      BitcoinNode node = ready.get(ordinal);
      Set<String> now = new TreeSet<>(known.get(ordinal));
      try {
        for (String address : changes.add()) {
          node.addNode(address);
          now.add(address);
        }
        for (String address : changes.remove()) {
          node.removeNode(address);
          now.remove(address);
        }
      } catch (RpcException e) {
        unreachable.add(nodes.get(ordinal).getPod() + ": " + e.getMessage());
      }
      if (!changes.isEmpty()) {
        LOG.info("{}/{} {}: added {} removed {}", network.getMetadata().getNamespace(),
            network.getMetadata().getName(), nodes.get(ordinal).getPod(), changes.add(), changes.remove());
      }
      nodes.get(ordinal).setAddedNodes(new ArrayList<>(now));
    });
    addressBook.prune(uid, podAddresses, nodes.values().stream()
        .map(n -> n.getAddedNodes() == null ? List.<String>of() : n.getAddedNodes()).toList());
  }

  /**
   * A node that did not answer this pass keeps the added nodes of its last status (same pod IP): they are what the
   * operator knows is on its list, and the mesh must still be able to take gone nodes off it later.
   */
  private static void keepLastKnownAddedNodes(Map<Integer, NodeStatus> nodes, Map<Integer, NodeObservation> observed,
      BitcoinNetworkStatus previous) {
    for (NodeStatus node : nodes.values()) {
      if (observed.containsKey(node.getOrdinal()) || node.getIp() == null) {
        continue;
      }
      previous.getNodes().stream()
          .filter(p -> node.getOrdinal().equals(p.getOrdinal()) && node.getIp().equals(p.getIp()))
          .findFirst().ifPresent(p -> node.setAddedNodes(p.getAddedNodes()));
    }
  }

  /**
   * A node whose tip looks stale (older than a day: always so on a fresh regtest chain) ignores block announcements
   * from peers that are not its sync peer, and btcd on regtest takes only localhost peers as sync peers. So a node
   * that stays behind the best node gets the missing blocks handed over by RPC (at most {@link #RELAY_BATCH} per
   * pass); once its tip is recent, the peer-to-peer network carries new blocks on its own.
   */
  private void relayToLaggards(BitcoinNetwork network, Map<Integer, NodeStatus> nodes,
      Map<Integer, NodeObservation> observed, Map<Integer, BitcoinNode> ready) {
    var best = observed.entrySet().stream().max(Comparator.comparingLong(e -> e.getValue().height()));
    if (best.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    long bestHeight = best.get().getValue().height();
    for (var entry : observed.entrySet()) {
      String key = network.getMetadata().getUid() + "/" + nodes.get(entry.getKey()).getPod();
      long height = entry.getValue().height();
      if (height >= bestHeight) {
        behindSince.remove(key);
        continue;
      }
      Instant since = behindSince.computeIfAbsent(key, k -> now);
      if (Duration.between(since, now).compareTo(BEHIND_BEFORE_RELAY) < 0) {
        continue;
      }
      BitcoinNode source = ready.get(best.get().getKey());
      BitcoinNode target = ready.get(entry.getKey());
      long until = Math.min(bestHeight, height + RELAY_BATCH);
      try {
        // A node that is behind may sit on a fork; start from the first height where the hashes differ.
        long from = height;
        while (from > 0 && !source.blockHash(from).equals(target.blockHash(from))) {
          from--;
        }
        for (long h = from + 1; h <= until; h++) {
          target.submitBlock(source.rawBlock(source.blockHash(h)));
        }
        LOG.info("{}/{}: relayed blocks {}..{} from {} to {}", network.getMetadata().getNamespace(),
            network.getMetadata().getName(), from + 1, until, nodes.get(best.get().getKey()).getPod(),
            nodes.get(entry.getKey()).getPod());
      } catch (RpcException e) {
        LOG.warn("relaying blocks to {} failed: {}", nodes.get(entry.getKey()).getPod(), e.getMessage());
      }
    }
  }

  /** Initial blocks once the whole network is ready, then one block per interval; test chains only. */
  private void mine(BitcoinNetwork network, Map<Integer, BitcoinNode> ready, Map<Integer, NodeObservation> observed,
      Context<BitcoinNetwork> context) {
    MiningSpec mining = network.getSpec().getMining();
    if (mining == null || !network.getSpec().getChain().minesOnDemand() || observed.isEmpty()
        || observed.size() != network.getSpec().getReplicas()) {
      return;
    }
    String key = network.getMetadata().getUid();
    Instant paused = miningPausedUntil.get(key);
    if (paused != null && Instant.now().isBefore(paused)) {
      return;
    }
    int miner = observed.keySet().iterator().next();
    long height = observed.values().stream().mapToLong(NodeObservation::height).max().orElse(0);
    Events events = new Events(context.getClient());
    try {
      String address = miningAddress(network, ready.get(miner));
      int initial = mining.getInitialBlocks() == null ? 0 : mining.getInitialBlocks();
      if (height < initial) {
        // In batches, each call well inside the RPC timeout; a call that times out may still mine its blocks.
        long mined = 0;
        while (height + mined < initial) {
          int batch = (int) Math.min(INITIAL_MINING_BATCH, initial - height - mined);
          ready.get(miner).mine(batch, address);
          mined += batch;
        }
        events.normal(network, "InitialBlocksMined", "mined " + mined + " blocks to " + address);
        return;
      }
      if (mining.getInterval() != null) {
        Duration interval;
        try {
          interval = MiningInterval.parse(mining.getInterval());
        } catch (IllegalArgumentException e) {
          events.warning(network, "MiningIntervalInvalid", e.getMessage());
          return;
        }
        Instant last = lastIntervalBlock.get(key);
        if (last == null) {
          lastIntervalBlock.put(key, Instant.now());
        } else if (Duration.between(last, Instant.now()).compareTo(interval) >= 0) {
          ready.get(miner).mine(1, address);
          lastIntervalBlock.put(key, Instant.now());
        }
      }
    } catch (RpcException e) {
      // The node may still be mining what it was asked for: wait until its height shows it before asking again.
      miningPausedUntil.put(key, Instant.now().plus(MINING_PAUSE_AFTER_FAILURE));
      events.warning(network, "MiningFailed", "mining on " + network.getMetadata().getName() + "-" + miner
          + " failed: " + e.getMessage());
    }
  }

  /**
   * The first candidate address the node validates, asked once per network: implementations of one chain disagree on
   * version bytes. If none is accepted, the standard one, so that mining reports the node's own error.
   */
  private String miningAddress(BitcoinNetwork network, BitcoinNode node) {
    String uid = network.getMetadata().getUid();
    return miningAddresses.computeIfAbsent(uid,
        k -> MiningAddresses.acceptedBy(node, uid, network.getSpec().getChain() == Chain.SIMNET));
  }

  static int ordinal(Pod pod, NetworkNames names) {
    String prefix = names.statefulSet() + "-";
    String name = pod.getMetadata().getName();
    if (!name.startsWith(prefix)) {
      return -1;
    }
    try {
      return Integer.parseInt(name.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
