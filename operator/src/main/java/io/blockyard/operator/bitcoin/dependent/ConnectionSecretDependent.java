package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.NetworkNames;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.ConnectionSecret;
import io.blockyard.operator.bitcoin.RpcAccess;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The application's connection Secret: the same credentials and CA the operator itself uses. */
public class ConnectionSecretDependent extends CRUDKubernetesDependentResource<Secret, BitcoinNetwork> {
  @Override
  protected Secret desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    RpcAccess access = RpcAccess.of(network, context).orElseThrow(() -> new MissingSecretException(
        network, RpcAccess.whatIsMissing(network, context)));
    return ConnectionSecret.desired(network, access.user(), access.password(), access.caPem());
  }

  /** By name, so that finding the Secret does not compute (and read) everything desired() needs. */
  @Override
  protected ResourceID targetSecondaryResourceID(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    NetworkNames names = NetworkNames.of(network);
    return new ResourceID(names.connectionSecret(), names.namespace());
  }
}
