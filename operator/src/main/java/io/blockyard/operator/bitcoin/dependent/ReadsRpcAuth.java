package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.NodeProgram;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Only Bitcoin Core reads an rpcauth line (btcd gets its credentials from its config file), made once the RPC
 * Secrets the operator generates are written ({@link GeneratedRpcSecretsWritten}).
 */
public class ReadsRpcAuth implements Condition<Secret, BitcoinNetwork> {
  @Override
  public boolean isMet(DependentResource<Secret, BitcoinNetwork> dependent, BitcoinNetwork network,
      Context<BitcoinNetwork> context) {
    return NodeProgram.of(network.getSpec().getImplementation()).readsRpcAuth()
        && new GeneratedRpcSecretsWritten().isMet(dependent, network, context);
  }
}
