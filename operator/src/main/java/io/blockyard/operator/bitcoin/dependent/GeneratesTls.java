package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.RpcTlsSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The operator issues a certificate only for btcd networks whose user names no TLS Secret. */
public class GeneratesTls implements Condition<Secret, BitcoinNetwork> {
  @Override
  public boolean isMet(DependentResource<Secret, BitcoinNetwork> dependent, BitcoinNetwork network,
      Context<BitcoinNetwork> context) {
    return RpcTlsSecret.generates(network);
  }
}
