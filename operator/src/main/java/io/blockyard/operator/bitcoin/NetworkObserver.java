package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.Pods;
import io.blockyard.operator.bitcoin.NetworkObservation.ObservedNode;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.NodeObservation;
import io.blockyard.rpc.RpcEndpoint;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The observe step: the network's pods from the informer cache and one batched RPC per ready node, in parallel. A
 * node that does not answer is reported, not waited for beyond its call timeout.
 */
final class NetworkObserver {
  private final ExecutorService rpcCalls;

  NetworkObserver(ExecutorService rpcCalls) {
    this.rpcCalls = rpcCalls;
  }

  /** The pods of the network that are not going away, in ordinal order. */
  static List<Pod> pods(Context<BitcoinNetwork> context, NetworkNames names) {
    return context.getSecondaryResources(Pod.class).stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> ordinal(p, names) >= 0)
        .sorted(Comparator.comparingInt(p -> ordinal(p, names))).toList();
  }

  /** The RPC endpoints of the ready pods, by ordinal: the ones the observation will call. */
  static Map<Integer, RpcEndpoint> endpoints(List<Pod> pods, NetworkNames names, Optional<RpcAccess> access,
      int rpcPort) {
    Map<Integer, RpcEndpoint> endpoints = new LinkedHashMap<>();
    if (access.isEmpty()) {
      return endpoints;
    }
    for (Pod pod : pods) {
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (Pods.isReady(pod) && ip != null) {
        endpoints.put(ordinal(pod, names), access.get().endpoint(ip, rpcPort));
      }
    }
    return endpoints;
  }

  /**
   * @param credentialsProblem what is missing to call the nodes, or null
   * @param clients the clients of the ready nodes (see {@link #endpoints}), by ordinal
   */
  NetworkObservation observe(List<Pod> pods, NetworkNames names, String credentialsProblem,
      Map<Integer, BitcoinNode> clients) {
    Map<Integer, CompletableFuture<NodeObservation>> calls = new LinkedHashMap<>();
    clients.forEach((ordinal, node) -> calls.put(ordinal, CompletableFuture.supplyAsync(node::observe, rpcCalls)));
    List<ObservedNode> nodes = new ArrayList<>();
    for (Pod pod : pods) {
      int ordinal = ordinal(pod, names);
      NodeObservation chain = null;
      String error = null;
      CompletableFuture<NodeObservation> call = calls.get(ordinal);
      if (call != null) {
        try {
          chain = call.join();
        } catch (RuntimeException e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          error = cause.getMessage();
        }
      }
      nodes.add(new ObservedNode(ordinal, pod.getMetadata().getName(), Pods.isReady(pod),
          pod.getStatus() == null ? null : pod.getStatus().getPodIP(), names.podDnsName(ordinal), chain, error));
    }
    return new NetworkObservation(nodes, credentialsProblem,
        pods.stream().map(Pods::problem).flatMap(Optional::stream).toList());
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
