package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.NodeStatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

public class NodeStatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, BitcoinNetwork> {
  @Override
  protected StatefulSet desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return NodeStatefulSet.desired(network);
  }
}
