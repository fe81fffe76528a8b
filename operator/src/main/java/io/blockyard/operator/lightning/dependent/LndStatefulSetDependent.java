package io.blockyard.operator.lightning.dependent;

import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNames;
import io.blockyard.operator.lightning.BackendResolution;
import io.blockyard.operator.lightning.LndStatefulSet;
import io.blockyard.operator.StatusOnlyUpdates;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @io.javaoperatorsdk.operator.api.config.informer.Informer(
    labelSelector = LightningNames.OWN_SELECTOR,
    onUpdateFilter = StatusOnlyUpdates.class))
public class LndStatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, LightningNode> {
  @Override
  protected StatefulSet desired(LightningNode node, Context<LightningNode> context) {
    return LndStatefulSet.desired(node, BackendResolution.of(node, context).backend().orElseThrow());
  }
}
