package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.rpc.BtcdBlockNotifications;
import io.blockyard.rpc.RpcEndpoint;
import io.blockyard.rpc.SharedHttpClients;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One block subscription per ready btcd node: a new block wakes its network's reconciler at once, so status follows
 * the chain without polling, and an idle network's nodes are asked for their tip only now and then.
 */
final class BlockNotifications implements AutoCloseable {
  private final SharedHttpClients http;
  private final SimpleInboundEventSource<BitcoinNetwork> events = new SimpleInboundEventSource<>("node-blocks");
  /** Per network UID: the subscriptions by node endpoint, each open or opening. */
  private final Map<String, Map<RpcEndpoint, CompletableFuture<BtcdBlockNotifications>>> networks =
      new ConcurrentHashMap<>();

  BlockNotifications(SharedHttpClients http) {
    this.http = http;
  }

  /** The event source the reconciler registers: a block on any of a network's nodes is an event for the network. */
  SimpleInboundEventSource<BitcoinNetwork> eventSource() {
    return events;
  }

  /**
   * Keeps a subscription to each of these endpoints (opening new ones, and again those that closed or failed) and
   * drops the network's others.
   *
   * @return whether every endpoint's subscription is open now
   */
  synchronized boolean keep(BitcoinNetwork network, Collection<RpcEndpoint> endpoints) {
    ResourceID id = ResourceID.fromResource(network);
    Map<RpcEndpoint, CompletableFuture<BtcdBlockNotifications>> kept =
        networks.computeIfAbsent(network.getMetadata().getUid(), k -> new HashMap<>());
    kept.entrySet().removeIf(e -> {
      if (endpoints.contains(e.getKey()) && (opening(e.getValue()) || open(e.getValue()))) {
        return false;
      }
      close(e.getValue());
      return true;
    });
    boolean allOpen = true;
    for (RpcEndpoint endpoint : endpoints) {
      CompletableFuture<BtcdBlockNotifications> subscription = kept.get(endpoint);
      if (subscription == null) {
        kept.put(endpoint, BtcdBlockNotifications.open(endpoint, http, () -> events.propagateEvent(id)));
        allOpen = false;
      } else {
        allOpen &= open(subscription);
      }
    }
    return allOpen && !endpoints.isEmpty();
  }

  /** Closes the subscriptions of networks that are gone (by UID). */
  synchronized void retainNetworks(Collection<String> uids) {
    var keep = new HashSet<>(uids);
    networks.entrySet().removeIf(e -> {
      if (keep.contains(e.getKey())) {
        return false;
      }
      e.getValue().values().forEach(BlockNotifications::close);
      return true;
    });
  }

  @Override
  public synchronized void close() {
    networks.values().forEach(m -> m.values().forEach(BlockNotifications::close));
    networks.clear();
  }

  private static boolean opening(CompletableFuture<BtcdBlockNotifications> f) {
    return !f.isDone();
  }

  private static boolean open(CompletableFuture<BtcdBlockNotifications> f) {
    return f.isDone() && !f.isCompletedExceptionally() && f.join().isOpen();
  }

  private static void close(CompletableFuture<BtcdBlockNotifications> f) {
    f.thenAccept(BtcdBlockNotifications::close);
  }
}
