package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** Headless Service: the pod's stable DNS name for peers, and the name applications use for REST and gRPC. Pure. */
public final class LndService {
  private LndService() {}

  public static Service desired(LightningNode node) {
    LightningNames names = LightningNames.of(node);
    return new ServiceBuilder().withNewMetadata().withName(names.service()).withNamespace(names.namespace())
        .withLabels(names.labels()).endMetadata()
        .withNewSpec().withClusterIP("None").withSelector(names.selector())
        .addNewPort().withName("p2p").withPort(LndProgram.P2P_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("rest").withPort(LndProgram.REST_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("grpc").withPort(LndProgram.GRPC_PORT).withProtocol("TCP").endPort()
        .endSpec().build();
  }
}
