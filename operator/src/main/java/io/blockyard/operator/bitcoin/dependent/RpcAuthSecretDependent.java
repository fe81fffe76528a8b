package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.bitcoin.CredentialsSecret;
import io.blockyard.operator.bitcoin.RpcAccess;
import io.blockyard.operator.bitcoin.RpcAuthSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The credential files the nodes mount, made again when the credentials change (a user's Secret can be rotated). */
public class RpcAuthSecretDependent extends CRUDKubernetesDependentResource<Secret, BitcoinNetwork> {
  @Override
  protected Secret desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    RpcAccess access = RpcAccess.of(network, context).orElseThrow(() -> new MissingSecretException(
        network, RpcAccess.whatIsMissing(network, context)));
    RpcAuthSecret.unusable(access.user(), access.password()).ifPresent(problem -> {
      throw new UnusableSecretException(network, CredentialsSecret.nameFor(network), problem);
    });
    return RpcAuthSecret.desired(network, access.user(), access.password());
  }

  @Override
  protected ResourceID targetSecondaryResourceID(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    NetworkNames names = NetworkNames.of(network);
    return new ResourceID(names.rpcAuthSecret(), names.namespace());
  }
}
