package io.blockyard.operator.bitcoin;

import static io.blockyard.api.bitcoin.NetworkConditionReason.*;

import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.NetworkConditionReason;
import io.blockyard.api.bitcoin.NetworkConditionType;
import io.blockyard.api.bitcoin.BitcoinNetworkSpec;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.operator.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The Ready, Meshed and Synced conditions, with a reason and a message a person can act on. Pure. */
public final class NetworkConditions {

  private NetworkConditions() {}

  /**
   * @param unreachable ordinal and error of ready nodes whose RPC did not answer
   * @param podProblems what the kubelet reports of pods it cannot run (see {@link io.blockyard.operator.Pods#problem})
   * @param catchingUp pods behind the best node for less than the moment peers take to carry a block: a network that
   *     was synced stays so while only these lag (the node that mined or first heard of a block tells the operator
   *     before its peers have it), so that a block is no {@code DifferentTips} warning
   */
  public static List<Condition> compute(BitcoinNetworkStatus status, int desiredReplicas, List<String> unreachable,
      List<String> podProblems, Set<String> catchingUp, long generation, List<Condition> previous, Instant now) {
    List<Condition> out = new ArrayList<>();
    int ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    boolean allReady = ready == desiredReplicas;
    String notReady = ready + " of " + desiredReplicas + " nodes are ready; "
        + (podProblems.isEmpty() ? "`kubectl describe pod` on the others says why" : String.join("; ", podProblems));
    out.add(condition(previous, NetworkConditionType.READY, allReady, allReady ? ALL_NODES_READY
        : podProblems.stream().anyMatch(p -> p.contains("is not available (")) ? IMAGE_UNAVAILABLE
        : podProblems.isEmpty() ? NODES_NOT_READY : PODS_FAILING,
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
    out.add(condition(previous, NetworkConditionType.MESHED, meshed, !unreachable.isEmpty() ? NODE_UNREACHABLE
        : readyNodes.isEmpty() ? NO_READY_NODES : meshed ? ALL_NODES_ADDED : MESH_INCOMPLETE,
        meshMessage,
        generation, now));

    var tips = readyNodes.stream().map(NodeStatus::getBlockHeight).filter(Objects::nonNull)
        .collect(Collectors.toSet());
    boolean synced = !readyNodes.isEmpty() && unreachable.isEmpty() && tips.size() == 1
        && readyNodes.stream().allMatch(n -> n.getBlockHeight() != null);
    String heights = readyNodes.stream().map(n -> n.getPod() + "=" + n.getBlockHeight())
        .collect(Collectors.joining(", "));
    long best = readyNodes.stream().map(NodeStatus::getBlockHeight).filter(Objects::nonNull).mapToLong(Long::longValue)
        .max().orElse(0);
    boolean onlyCatchingUp = !synced && !readyNodes.isEmpty() && unreachable.isEmpty()
        && readyNodes.stream().allMatch(n -> n.getBlockHeight() != null)
        && readyNodes.stream().filter(n -> n.getBlockHeight() < best).allMatch(n -> catchingUp.contains(n.getPod()));
    Optional<Condition> wasSynced = previous == null ? Optional.empty() : previous.stream()
        .filter(c -> c.getType().equals(NetworkConditionType.SYNCED.type()) && "True".equals(c.getStatus()))
        .findFirst();
    if (onlyCatchingUp && wasSynced.isPresent()) {
      out.add(wasSynced.get());
      return out;
    }
    out.add(condition(previous, NetworkConditionType.SYNCED, synced, readyNodes.isEmpty() ? NO_READY_NODES
        : !unreachable.isEmpty() ? NODE_UNREACHABLE : synced ? SAME_TIP : DIFFERENT_TIPS,
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
  public static Optional<Condition> chainKept(BitcoinNetworkSpec spec, long generation,
      List<Condition> previous, Instant now) {
    if (spec.getImplementation() != Implementation.BTCD || spec.getChain() != Chain.REGTEST
        || spec.getStorage() == null) {
      return Optional.empty();
    }
    return Optional.of(condition(previous, NetworkConditionType.CHAIN_KEPT, false, REGTEST_WIPED_AT_START,
        "btcd deletes its regtest chain at every start, so spec.storage keeps no blocks across a restart (Lightning "
            + "nodes on this network lose their channels with it); use spec.chain: simnet to keep the chain",
        generation, now));
  }

  private static Condition condition(List<Condition> previous, NetworkConditionType type, boolean value,
      NetworkConditionReason reason, String message, long generation, Instant now) {
    return Conditions.of(previous, type.type(), value, reason.reason(), message, generation, now);
  }

}
