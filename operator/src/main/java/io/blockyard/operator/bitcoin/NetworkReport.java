package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.operator.bitcoin.NetworkObservation.ObservedNode;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The status a pass reports: what it observed, with what its actions changed. Pure. */
final class NetworkReport {
  private NetworkReport() {}

  static BitcoinNetworkStatus status(BitcoinNetwork network, NetworkObservation observation,
      NetworkActions.Outcome outcome, BitcoinNetworkStatus previous, Instant now) {
    NetworkNames names = NetworkNames.of(network);
    List<NodeStatus> nodes = new ArrayList<>();
    for (ObservedNode observed : observation.nodes()) {
      NodeStatus node = new NodeStatus();
      node.setOrdinal(observed.ordinal());
      node.setPod(observed.pod());
      node.setReady(observed.ready());
      node.setIp(observed.ip());
      node.setDnsName(observed.dnsName());
      if (observed.answered()) {
        node.setBlockHeight(observed.chain().height());
        node.setPeers(observed.chain().peerCount());
        node.setAddedNodes(outcome.addedNodes().getOrDefault(observed.ordinal(),
            new ArrayList<>(new TreeSet<>(observed.chain().addedNodes()))));
      } else if (observed.ip() != null) {
        // What the operator knows is on its list: the mesh must still be able to take gone nodes off it later.
        previous.getNodes().stream()
            .filter(p -> p.getOrdinal() != null && p.getOrdinal() == observed.ordinal()
                && observed.ip().equals(p.getIp()))
            .findFirst().ifPresent(p -> node.setAddedNodes(p.getAddedNodes()));
      }
      nodes.add(node);
    }

    BitcoinNetworkStatus status = new BitcoinNetworkStatus();
    status.setObservedGeneration(network.getMetadata().getGeneration());
    status.setReplicas(observation.nodes().size());
    status.setReadyReplicas((int) observation.readyCount());
    status.setSelector(names.selectorString());
    status.setNodes(nodes);
    observation.best().ifPresent(best -> {
      status.setBlockHeight(best.chain().height());
      status.setBestBlockHash(best.chain().bestBlockHash());
    });
    List<String> unreachable = new ArrayList<>(observation.unreachable());
    unreachable.addAll(outcome.failures());
    if (!observation.credentialsKnown()) {
      unreachable.add(observation.credentialsProblem());
    }
    // A node behind for less than peers take to carry a block is catching up, not out of sync.
    Set<String> catchingUp = new HashSet<>();
    outcome.memory().behindSince().forEach((pod, since) -> {
      if (Duration.between(since, now).compareTo(NetworkPlanner.BEHIND_BEFORE_RELAY) < 0) {
        catchingUp.add(pod);
      }
    });
    List<Condition> conditions = new ArrayList<>(NetworkConditions.compute(status, network.getSpec().getReplicas(),
        unreachable, observation.podProblems(), catchingUp, network.getMetadata().getGeneration(),
        previous.getConditions(), now));
    NetworkConditions.chainKept(network.getSpec(), network.getMetadata().getGeneration(), previous.getConditions(),
        now).ifPresent(conditions::add);
    status.setConditions(conditions);
    return status;
  }
}
