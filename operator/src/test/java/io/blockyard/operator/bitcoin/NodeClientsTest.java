package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.Implementation;
import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.RpcEndpoint;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry of node clients: one per endpoint, kept across passes and networks, closed when unused. */
class NodeClientsTest {
  final List<RpcEndpoint> connected = new ArrayList<>();
  final List<RpcEndpoint> closed = new ArrayList<>();
  final NodeClients clients = new NodeClients((implementation, endpoint) -> {
    connected.add(endpoint);
    return (BitcoinNode) Proxy.newProxyInstance(BitcoinNode.class.getClassLoader(), new Class<?>[] {BitcoinNode.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "close" -> {
            closed.add(endpoint);
            yield null;
          }
          case "endpoint" -> endpoint;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  });

  static RpcEndpoint node(String ip) {
    return RpcEndpoint.http(ip, 18443).withCredentials("blockyard", "secret");
  }

  @Test
  void aNetworkKeepsItsClientsAcrossPasses() {
    Map<Integer, BitcoinNode> first = clients.use("net-a", Implementation.BTCD, Map.of(0, node("10.0.0.1"), 1, node("10.0.0.2")));
    for (int pass = 0; pass < 50; pass++) {
      Map<Integer, BitcoinNode> again = clients.use("net-a", Implementation.BTCD, Map.of(0, node("10.0.0.1"), 1, node("10.0.0.2")));
      assertThat(again.get(0)).isSameAs(first.get(0));
      assertThat(again.get(1)).isSameAs(first.get(1));
    }
    assertThat(connected).hasSize(2);
    assertThat(closed).isEmpty();
  }

  @Test
  void oneNetworksPassDoesNotEvictAnothersClients() {
    BitcoinNode b0 = clients.use("net-b", Implementation.BTCD, Map.of(0, node("10.0.1.1"))).get(0);
    clients.use("net-a", Implementation.BTCD, Map.of(0, node("10.0.0.1")));
    clients.use("net-a", Implementation.BTCD, Map.of(0, node("10.0.0.1")));

    assertThat(clients.use("net-b", Implementation.BTCD, Map.of(0, node("10.0.1.1"))).get(0)).isSameAs(b0);
    assertThat(clients.node("net-b", 0)).containsSame(b0);
    assertThat(connected).hasSize(2);
    assertThat(closed).isEmpty();
  }

  @Test
  void aReplacedPodsClientIsClosedAndTheNewOneKept() {
    clients.use("net-a", Implementation.BTCD, Map.of(0, node("10.0.0.1"), 1, node("10.0.0.2")));
    Map<Integer, BitcoinNode> after = clients.use("net-a", Implementation.BTCD, Map.of(0, node("10.0.0.9"), 1, node("10.0.0.2")));

    assertThat(closed).extracting(RpcEndpoint::display).containsExactly("http://10.0.0.1:18443/");
    assertThat(clients.node("net-a", 0)).containsSame(after.get(0));
    assertThat(clients.size()).isEqualTo(2);
  }

  @Test
  void aGoneNetworkTakesItsClientsWithItButNotSharedOnes() {
    clients.use("net-a", Implementation.BTCD, Map.of(0, node("10.0.0.1"), 1, node("10.0.9.9")));
    clients.use("net-b", Implementation.BTCD, Map.of(0, node("10.0.9.9")));

    clients.retainNetworks(Set.of("net-b"));

    assertThat(clients.node("net-a", 0)).isEmpty();
    assertThat(clients.node("net-b", 0)).isPresent();
    assertThat(closed).extracting(RpcEndpoint::display).containsExactly("http://10.0.0.1:18443/");
  }

  @Test
  void aNodeThatIsNotReadyHasNoClient() {
    clients.use("net-a", Implementation.BTCD, Map.of(0, node("10.0.0.1")));
    clients.use("net-a", Implementation.BTCD, Map.of());

    assertThat(clients.node("net-a", 0)).isEmpty();
    assertThat(clients.size()).isZero();
  }
}
