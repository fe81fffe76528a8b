package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.NodeServices;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.blockyard.api.bitcoin.NetworkNames;

/** Cached from an informer on the operator's own objects only (labels), not every one in the cluster. */
@KubernetesDependent(informer = @Informer(labelSelector = NetworkNames.OWN_SELECTOR))
public class HeadlessServiceDependent extends CRUDKubernetesDependentResource<Service, BitcoinNetwork> {
  @Override
  protected Service desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return NodeServices.headless(network);
  }
}
