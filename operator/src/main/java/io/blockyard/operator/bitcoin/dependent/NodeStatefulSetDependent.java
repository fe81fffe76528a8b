package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.NodeStatefulSet;
import io.blockyard.operator.StatusOnlyUpdates;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.blockyard.api.bitcoin.NetworkNames;

/** Cached from an informer on the operator's own objects only (labels), not every one in the cluster. */
@KubernetesDependent(informer = @Informer(labelSelector = NetworkNames.OWN_SELECTOR,
    onUpdateFilter = StatusOnlyUpdates.class))
public class NodeStatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, BitcoinNetwork> {
  @Override
  protected StatefulSet desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return NodeStatefulSet.desired(network);
  }
}
