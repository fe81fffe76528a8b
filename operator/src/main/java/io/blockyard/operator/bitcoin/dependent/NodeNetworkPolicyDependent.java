package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.OperatorOrigin;
import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.bitcoin.NodeNetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Cached from an informer on the operator's own objects only (labels), not every one in the cluster. */
@KubernetesDependent(informer = @Informer(labelSelector = NetworkNames.OWN_SELECTOR))
public class NodeNetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, BitcoinNetwork> {
  @Override
  protected NetworkPolicy desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return NodeNetworkPolicy.desired(network, OperatorOrigin.current());
  }
}
