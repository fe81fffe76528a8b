package io.blockyard.operator.bitcoin;

import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.RpcEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One RPC client per node endpoint, reused across reconciles (each client owns an HTTP client). */
public final class NodeClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Map<RpcEndpoint, BitcoinNode> clients = new ConcurrentHashMap<>();

  public BitcoinNode forEndpoint(String implementation, RpcEndpoint endpoint) {
    RpcEndpoint limited = endpoint.withTimeouts(CONNECT_TIMEOUT, CALL_TIMEOUT);
    return clients.computeIfAbsent(limited, e -> BitcoinNode.connect(implementation, e));
  }

  /** Drops clients of endpoints no longer in use (pods that went away, changed credentials). */
  public void retainOnly(java.util.Set<RpcEndpoint> inUse) {
    clients.keySet().removeIf(e -> inUse.stream().noneMatch(u -> u.withTimeouts(CONNECT_TIMEOUT, CALL_TIMEOUT)
        .equals(e)));
  }
}
