package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.NetworkNames;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.CredentialsSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.security.SecureRandom;

/**
 * Creates the RPC credentials once; never updates them (no Updater), so a password is never regenerated. Nothing to
 * do when the user names a Secret of their own: a no-op rather than a reconcile precondition, which would delete
 * what depends on it (the nodes' credential files, and through them the StatefulSet). A generated Secret the user
 * stopped using stays until the network goes.
 */
public class CredentialsSecretDependent extends KubernetesDependentResource<Secret, BitcoinNetwork>
    implements Creator<Secret, BitcoinNetwork>, GarbageCollected<BitcoinNetwork> {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public ReconcileResult<Secret> reconcile(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return CredentialsSecret.generates(network) ? super.reconcile(network, context) : ReconcileResult.noOperation(null);
  }

  @Override
  protected Secret desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return CredentialsSecret.desired(network, RANDOM);
  }

  /** By name: the default asks desired(), which would draw a new password on every pass just to find the Secret. */
  @Override
  protected ResourceID targetSecondaryResourceID(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    NetworkNames names = NetworkNames.of(network);
    return new ResourceID(names.generatedCredentialsSecret(), names.namespace());
  }
}
