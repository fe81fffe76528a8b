package io.blockyard.operator.lightning;

import io.blockyard.rpc.SharedHttpClients;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.WalletUnlocker;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One lnd client per node endpoint for the endpoint's life (each holds an HTTP client): the wallet unlocker and the
 * admin client, kept across passes and shared by the node and channel reconcilers, and the node's event streams
 * ({@link LndEvents}). A new endpoint (a new pod IP, a new macaroon) replaces the node's client; a node that is gone
 * takes its clients and streams with it.
 */
public final class LndClients implements AutoCloseable {
  private record Kept<C>(LndEndpoint endpoint, C client) {}

  private final Map<String, Kept<LndNode>> admins = new ConcurrentHashMap<>();
  private final Map<String, Kept<WalletUnlocker>> unlockers = new ConcurrentHashMap<>();
  private final SharedHttpClients http;
  /** The limit of one admin call (the operator's --lnd-rpc-timeout); null keeps the endpoint's own. */
  private final Duration callTimeout;
  private final LndEvents events;

  /** @param http the HTTP clients every lnd client goes through */
  public LndClients(SharedHttpClients http) {
    this(http, null);
  }

  public LndClients(SharedHttpClients http, Duration callTimeout) {
    this.http = http;
    this.callTimeout = callTimeout;
    this.events = new LndEvents(http);
  }

  /** The nodes' event streams, which wake the Lightning reconcilers. */
  public LndEvents events() {
    return events;
  }

  /** The key of a LightningNode: namespace/name. */
  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** The admin client of the node at {@code endpoint} (the one kept, if its endpoint is the same). */
  public LndNode admin(String node, LndEndpoint endpoint) {
    LndEndpoint limited = callTimeout == null ? endpoint
        : endpoint.withTimeouts(endpoint.timeouts().connect(), callTimeout);
    return keep(admins, node, limited, e -> new LndNode(e, http), LndNode::close);
  }

  /** The wallet unlocker of the node at {@code endpoint}. */
  public WalletUnlocker unlocker(String node, LndEndpoint endpoint) {
    return keep(unlockers, node, endpoint, e -> new WalletUnlocker(e, http), WalletUnlocker::close);
  }

  /** The node's admin client, once the node reconciler reached its unlocked wallet. */
  public Optional<LndNode> admin(String node) {
    return Optional.ofNullable(admins.get(node)).map(Kept::client);
  }

  /** Forgets every node not among {@code existing} (keys). */
  public void retainNodes(Collection<String> existing) {
    var keep = new HashSet<>(existing);
    admins.entrySet().removeIf(e -> !keep.contains(e.getKey()) && closed(e.getValue().client()::close));
    unlockers.entrySet().removeIf(e -> !keep.contains(e.getKey()) && closed(e.getValue().client()::close));
    events.retain(keep);
  }

  /** Forgets the node's admin client (its pod is not ready, its wallet locked). */
  public void forgetAdmin(String node) {
    events.forget(node);
    Kept<LndNode> kept = admins.remove(node);
    if (kept != null) {
      kept.client().close();
    }
  }

  /** How many clients are kept (admin and unlocker ones). */
  public int size() {
    return admins.size() + unlockers.size();
  }

  /** Closes every node's event streams (the clients go with the shared HTTP clients). */
  @Override
  public void close() {
    events.close();
  }

  private static boolean closed(Runnable close) {
    close.run();
    return true;
  }

  private static <C> C keep(Map<String, Kept<C>> clients, String node, LndEndpoint endpoint,
      Function<LndEndpoint, C> connect, java.util.function.Consumer<C> close) {
    return clients.compute(node, (k, kept) -> {
      if (kept != null && kept.endpoint().equals(endpoint)) {
        return kept;
      }
      if (kept != null) {
        close.accept(kept.client());
      }
      return new Kept<>(endpoint, connect.apply(endpoint));
    }).client();
  }
}
