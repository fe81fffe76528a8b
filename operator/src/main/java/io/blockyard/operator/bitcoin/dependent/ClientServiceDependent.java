package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.NodeServices;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

public class ClientServiceDependent extends CRUDKubernetesDependentResource<Service, BitcoinNetwork> {
  @Override
  protected Service desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return NodeServices.client(network);
  }
}
