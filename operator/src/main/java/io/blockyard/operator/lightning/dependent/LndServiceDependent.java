package io.blockyard.operator.lightning.dependent;

import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNames;
import io.blockyard.operator.lightning.LndService;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @io.javaoperatorsdk.operator.api.config.informer.Informer(
    labelSelector = LightningNames.OWN_SELECTOR))
public class LndServiceDependent extends CRUDKubernetesDependentResource<Service, LightningNode> {
  @Override
  protected Service desired(LightningNode node, Context<LightningNode> context) {
    return LndService.desired(node);
  }
}
