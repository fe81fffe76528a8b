package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetworkSpec;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.operator.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The Ready, Meshed and Synced conditions, with a reason and a message a person can act on. Pure. */
public final class NetworkConditions {
  public static final String READY = "Ready";
  public static final String MESHED = "Meshed";
  public static final String SYNCED = "Synced";
  /** Only on a btcd regtest network with storage: False, since btcd wipes that chain at every start. */
  public static final String CHAIN_KEPT = "ChainKept";

  private NetworkConditions() {}

  /**
   * @param unreachable ordinal and error of ready nodes whose RPC did not answer
   * @param podProblems what the kubelet reports of pods it cannot run (see {@link io.blockyard.operator.Pods#problem})
   */
  public static List<Condition> compute(BitcoinNetworkStatus status, int desiredReplicas, List<String> unreachable,
      List<String> podProblems, long generation, List<Condition> previous, Instant now) {
    List<Condition> out = new ArrayList<>();
    int ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    boolean allReady = ready == desiredReplicas;
    String notReady = ready + " of " + desiredReplicas + " nodes are ready; "
        + (podProblems.isEmpty() ? "`kubectl describe pod` on the others says why" : String.join("; ", podProblems));
    out.add(condition(previous, READY, allReady, allReady ? "AllNodesReady"
        : podProblems.stream().anyMatch(p -> p.contains("is not available (")) ? "ImageUnavailable"
        : podProblems.isEmpty() ? "NodesNotReady" : "PodsFailing",
        allReady ? ready + " of " + desiredReplicas + " nodes are ready" : notReady, generation, now));

    List<NodeStatus> readyNodes = status.getNodes().stream().filter(n -> Boolean.TRUE.equals(n.getReady()))
        .toList();
    List<String> unmeshed = new ArrayList<>();
    for (NodeStatus node : readyNodes) {
      for (NodeStatus other : readyNodes) {
        if (other != node && other.getIp() != null && node.getAddedNodes().stream()
            .noneMatch(a -> a.startsWith(other.getIp() + ":"))) {
          unmeshed.add(node.getPod() + " lacks " + other.getPod());
        }
      }
    }
    boolean meshed = !readyNodes.isEmpty() && unreachable.isEmpty() && unmeshed.isEmpty();
    String meshMessage = !unreachable.isEmpty() ? "RPC did not answer: " + String.join("; ", unreachable)
        : readyNodes.isEmpty() ? "no node is ready yet"
        : meshed ? "every ready node has every other ready node on its added-node list"
        : "not yet on the added-node lists: " + String.join(", ", unmeshed);
    out.add(condition(previous, MESHED, meshed, !unreachable.isEmpty() ? "NodeUnreachable"
        : readyNodes.isEmpty() ? "NoReadyNodes" : meshed ? "AllNodesAdded" : "MeshIncomplete", meshMessage,
        generation, now));

    var tips = readyNodes.stream().map(NodeStatus::getBlockHeight).filter(Objects::nonNull)
        .collect(Collectors.toSet());
    boolean synced = !readyNodes.isEmpty() && unreachable.isEmpty() && tips.size() == 1
        && readyNodes.stream().allMatch(n -> n.getBlockHeight() != null);
    String heights = readyNodes.stream().map(n -> n.getPod() + "=" + n.getBlockHeight())
        .collect(Collectors.joining(", "));
    out.add(condition(previous, SYNCED, synced, readyNodes.isEmpty() ? "NoReadyNodes"
        : !unreachable.isEmpty() ? "NodeUnreachable" : synced ? "SameTip" : "DifferentTips",
        readyNodes.isEmpty() ? "no node is ready yet"
            : !unreachable.isEmpty() ? "cannot compare tips: " + String.join("; ", unreachable)
            : synced ? "all ready nodes are at height " + tips.iterator().next()
            : "ready nodes are at different heights: " + heights, generation, now));
    return out;
  }

  /**
   * btcd deletes its regtest database at every start ("Removing regression test database"), whatever the volume: a
   * network that asked for storage is told so, with the way out. Empty for every other network.
   */
  public static java.util.Optional<Condition> chainKept(BitcoinNetworkSpec spec, long generation,
      List<Condition> previous, Instant now) {
    if (spec.getImplementation() != Implementation.BTCD || spec.getChain() != Chain.REGTEST
        || spec.getStorage() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(condition(previous, CHAIN_KEPT, false, "RegtestWipedAtStart",
        "btcd deletes its regtest chain at every start, so spec.storage keeps no blocks across a restart (Lightning "
            + "nodes on this network lose their channels with it); use spec.chain: simnet to keep the chain",
        generation, now));
  }

  static Condition condition(List<Condition> previous, String type, boolean value, String reason, String message,
      long generation, Instant now) {
    return Conditions.of(previous, type, value, reason, message, generation, now);
  }

}
