package io.blockyard.operator.lightning.dependent;

import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.OperatorOrigin;
import io.blockyard.api.lightning.LightningNames;
import io.blockyard.operator.lightning.LndNetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = LightningNames.OWN_SELECTOR))
public class LndNetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, LightningNode> {
  @Override
  protected NetworkPolicy desired(LightningNode node, Context<LightningNode> context) {
    return LndNetworkPolicy.desired(node, OperatorOrigin.current());
  }
}
