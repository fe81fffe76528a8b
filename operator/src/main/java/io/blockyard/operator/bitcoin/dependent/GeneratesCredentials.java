package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The operator generates credentials only when the user names no Secret of their own. */
public class GeneratesCredentials implements Condition<Secret, BitcoinNetwork> {
  @Override
  public boolean isMet(DependentResource<Secret, BitcoinNetwork> dependent, BitcoinNetwork network,
      Context<BitcoinNetwork> context) {
    return network.getSpec().getRpc() == null || network.getSpec().getRpc().getCredentialsSecret() == null;
  }
}
