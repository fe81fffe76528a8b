package io.blockyard.operator.bitcoin.dependent;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.RpcTlsSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.security.SecureRandom;

/**
 * Issues the network's RPC certificate once (no Updater: keys are never replaced behind the user's back), for btcd
 * networks whose user names no TLS Secret; otherwise a no-op (see {@link CredentialsSecretDependent} for why not a
 * precondition).
 */
public class RpcTlsSecretDependent extends KubernetesDependentResource<Secret, BitcoinNetwork>
    implements Creator<Secret, BitcoinNetwork>, GarbageCollected<BitcoinNetwork> {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public ReconcileResult<Secret> reconcile(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return RpcTlsSecret.generates(network) ? super.reconcile(network, context) : ReconcileResult.noOperation(null);
  }

  @Override
  protected Secret desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return RpcTlsSecret.desired(network, RANDOM);
  }

  /** By name: the default asks desired(), which would issue a new certificate on every pass just to find the Secret. */
  @Override
  protected ResourceID targetSecondaryResourceID(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return new ResourceID(RpcTlsSecret.generatedName(network), network.getMetadata().getNamespace());
  }
}
