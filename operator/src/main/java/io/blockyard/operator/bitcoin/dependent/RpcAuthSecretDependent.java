package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.bitcoin.RpcAccess;
import io.blockyard.operator.bitcoin.RpcAuthSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** Bitcoin Core's rpcauth line, recomputed when the credentials change (a user's Secret can be rotated). */
public class RpcAuthSecretDependent extends CRUDKubernetesDependentResource<Secret, BitcoinNetwork> {
  @Override
  protected Secret desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    RpcAccess access = RpcAccess.of(network, context).orElseThrow(() -> new MissingSecretException(
        network, RpcAccess.whatIsMissing(network, context)));
    return RpcAuthSecret.desired(network, access.user(), access.password());
  }

  @Override
  protected ResourceID targetSecondaryResourceID(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    NetworkNames names = NetworkNames.of(network);
    return new ResourceID(names.rpcAuthSecret(), names.namespace());
  }
}
