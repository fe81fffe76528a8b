package io.blockyard.operator.lightning.dependent;

import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.operator.lightning.BackendResolution;
import io.blockyard.operator.lightning.WalletSecrets;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * lnd starts only once its chain backend exists and its wallet password Secret does (the reconciler creates it):
 * a pod without them would only fail to start. The reconciler reports what is missing in status.
 */
public class CanStartLnd implements Condition<StatefulSet, LightningNode> {
  @Override
  public boolean isMet(DependentResource<StatefulSet, LightningNode> dependent, LightningNode node,
      Context<LightningNode> context) {
    return BackendResolution.of(node, context).backend().isPresent()
        && WatchedSecrets.find(context, node.getMetadata().getNamespace(), WalletSecrets.walletSecretName(node))
            .isPresent();
  }
}
