package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.RpcEndpoint;
import io.blockyard.rpc.SharedHttpClients;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One RPC client per node endpoint for the endpoint's life, shared by every pass, every network and the Lightning
 * reconcilers (which mine on a network's node 0). Each network says which endpoints it uses; a client goes when no
 * network uses its endpoint any more, so one network's pass never evicts another's clients.
 */
public final class NodeClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Map<RpcEndpoint, BitcoinNode> clients = new ConcurrentHashMap<>();
  /** Per network (its UID): the endpoints of its ready nodes, by ordinal. */
  private final Map<String, Map<Integer, RpcEndpoint>> networks = new ConcurrentHashMap<>();
  private final ClientFactory factory;
  private final Duration callTimeout;

  /** How a client is made for an endpoint (the real one, or a stand-in in a unit test). */
  @FunctionalInterface
  public interface ClientFactory {
    BitcoinNode connect(Implementation implementation, RpcEndpoint endpoint);
  }

  /** Clients through {@code http}'s shared HTTP clients: no threads per node. */
  public NodeClients(SharedHttpClients http) {
    this(http, CALL_TIMEOUT);
  }

  /** @param callTimeout the limit of one RPC call (the operator's --bitcoin-rpc-timeout) */
  public NodeClients(SharedHttpClients http, Duration callTimeout) {
    this((implementation, endpoint) -> BitcoinNode.connect(implementation, endpoint, http), callTimeout);
  }

  public NodeClients(ClientFactory factory) {
    this(factory, CALL_TIMEOUT);
  }

  private NodeClients(ClientFactory factory, Duration callTimeout) {
    this.factory = factory;
    this.callTimeout = callTimeout;
  }

  /**
   * The clients of a network's ready nodes, by ordinal: the ones it had for the same endpoints, new ones for new
   * endpoints. Endpoints the network no longer uses lose their clients unless another network uses them too.
   */
  public synchronized Map<Integer, BitcoinNode> use(String network, Implementation implementation,
      Map<Integer, RpcEndpoint> endpoints) {
    Map<Integer, RpcEndpoint> limited = new LinkedHashMap<>();
    endpoints.forEach((ordinal, e) -> limited.put(ordinal, e.withTimeouts(CONNECT_TIMEOUT, callTimeout)));
    networks.put(network, Map.copyOf(limited));
    Map<Integer, BitcoinNode> nodes = new LinkedHashMap<>();
    limited.forEach((ordinal, e) -> nodes.put(ordinal, clients.computeIfAbsent(e, x -> factory.connect(implementation,
        x))));
    dropUnused();
    return nodes;
  }

  /** The client of a network's node, while that node is ready. */
  public Optional<BitcoinNode> node(String network, int ordinal) {
    RpcEndpoint endpoint = networks.getOrDefault(network, Map.of()).get(ordinal);
    return endpoint == null ? Optional.empty() : Optional.ofNullable(clients.get(endpoint));
  }

  /** Forgets networks that are gone (by UID), and the clients only they used. */
  public synchronized void retainNetworks(Collection<String> existing) {
    networks.keySet().retainAll(new HashSet<>(existing));
    dropUnused();
  }

  /** How many clients are kept (one per endpoint in use). */
  public int size() {
    return clients.size();
  }

  private void dropUnused() {
    Set<RpcEndpoint> inUse = new HashSet<>();
    networks.values().forEach(m -> inUse.addAll(m.values()));
    clients.entrySet().removeIf(e -> {
      if (inUse.contains(e.getKey())) {
        return false;
      }
      e.getValue().close();
      return true;
    });
  }
}
