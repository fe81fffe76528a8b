package io.blockyard.cli;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.RpcEndpoint;
import io.blockyard.rpc.TlsTrust;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A network as the plugin sees it: its status and its connection Secret (read on first use: {@code status} needs
 * none). Nodes are reached directly by pod IP where that works (inside the cluster network, or on the test bed's
 * host) and through the API server's port-forward where it does not.
 */
final class NetworkTarget implements AutoCloseable {
  private final KubernetesClient client;
  private final BitcoinNetwork network;
  private final PodPorts ports;
  private Secret connection;

  private NetworkTarget(KubernetesClient client, PodPorts ports, BitcoinNetwork network) {
    this.client = client;
    this.network = network;
    this.ports = ports;
  }

  static NetworkTarget load(KubernetesClient client, PodPorts ports, String namespace, String name) {
    BitcoinNetwork network = client.resources(BitcoinNetwork.class).inNamespace(namespace).withName(name).get();
    if (network == null) {
      throw new IllegalArgumentException("no BitcoinNetwork \"" + name + "\" in namespace \"" + namespace
          + "\" (kubectl get btcnet -A lists them)");
    }
    return new NetworkTarget(client, ports, network);
  }

  BitcoinNetwork network() {
    return network;
  }

  String value(String key) {
    if (connection == null) {
      connection = client.secrets().inNamespace(network.getMetadata().getNamespace())
          .withName(NetworkNames.of(network).connectionSecret()).get();
    }
    if (connection == null) {
      throw new IllegalStateException("the connection Secret " + NetworkNames.of(network).connectionSecret()
          + " does not exist yet: the operator makes it when the network is first reconciled");
    }
    String b64 = connection.getData() == null ? null : connection.getData().get(key);
    return b64 == null ? null : new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  NodeStatus node(int ordinal) {
    List<NodeStatus> nodes = network.getStatus() == null ? List.of() : network.getStatus().getNodes();
    return nodes.stream().filter(n -> n.getOrdinal() == ordinal).findFirst().orElseThrow(() ->
        new IllegalArgumentException("network " + network.getMetadata().getName() + " has no node " + ordinal
            + " in its status (nodes: " + nodes.stream().map(n -> String.valueOf(n.getOrdinal())).toList() + ")"));
  }

  /** A client for one node, over the pod IP or a port-forward. */
  BitcoinNode connect(int ordinal) {
    NodeStatus node = node(ordinal);
    InetSocketAddress address = ports.reach(network.getMetadata().getNamespace(), node.getPod(), node.getIp(),
        Integer.parseInt(value(NetworkNames.PORT_KEY)));
    String host = address.getHostString();
    int port = address.getPort();
    String ca = value(NetworkNames.CA_KEY);
    RpcEndpoint endpoint = ca == null ? RpcEndpoint.http(host, port)
        // The certificate names the Services, not pod IPs: pin the network's CA, skip the name.
        : RpcEndpoint.https(host, port, TlsTrust.pinnedIgnoringHostname(ca));
    return BitcoinNode.connect(Implementation.named(value(NetworkNames.IMPLEMENTATION_KEY)), endpoint.withCredentials(value(NetworkNames.USER_KEY), value(NetworkNames.PASSWORD_KEY)));
  }

  @Override
  public void close() {
    ports.close();
  }
}
