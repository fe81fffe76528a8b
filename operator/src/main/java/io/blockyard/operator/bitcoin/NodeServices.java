package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The headless Service (stable pod DNS names) and the client Service applications connect to. */
public final class NodeServices {
  private NodeServices() {}

  public static Service headless(BitcoinNetwork network) {
    return service(network, NetworkNames.of(network).headlessService(), true);
  }

  public static Service client(BitcoinNetwork network) {
    return service(network, NetworkNames.of(network).clientService(), false);
  }

  private static Service service(BitcoinNetwork network, String name, boolean headless) {
    NetworkNames names = NetworkNames.of(network);
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    var chain = network.getSpec().getChain();
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(names.namespace())
        .withLabels(names.labels(program.name())).endMetadata()
        .withNewSpec()
        .withClusterIP(headless ? "None" : null)
        // Peers must find each other before they are ready: readiness is about RPC, not about the P2P mesh.
        .withPublishNotReadyAddresses(headless ? Boolean.TRUE : null)
        .withSelector(names.selector())
        .addNewPort().withName(NodeProgram.RPC_PORT_NAME).withPort(program.rpcPort(chain)).withProtocol("TCP").endPort()
        .addNewPort().withName(NodeProgram.P2P_PORT_NAME).withPort(program.p2pPort(chain)).withProtocol("TCP").endPort()
        .endSpec().build();
  }
}
