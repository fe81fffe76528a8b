package io.blockyard.operator.lightning.dependent;

import io.blockyard.api.lightning.LightningNames;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.lightning.LndTlsSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.security.SecureRandom;

/** Issues lnd's certificate once; never updates it (no Updater), so clients that pinned it keep working. */
public class LndTlsSecretDependent extends KubernetesDependentResource<Secret, LightningNode>
    implements Creator<Secret, LightningNode>, GarbageCollected<LightningNode> {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  protected Secret desired(LightningNode node, Context<LightningNode> context) {
    return LndTlsSecret.desired(node, RANDOM);
  }

  /** By name: the default asks desired(), which would issue a new certificate on every pass just to find the Secret. */
  @Override
  protected ResourceID targetSecondaryResourceID(LightningNode node, Context<LightningNode> context) {
    LightningNames names = LightningNames.of(node);
    return new ResourceID(names.tlsSecret(), names.namespace());
  }
}
