package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.operator.bitcoin.RpcTlsSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * The Secrets made from the RPC credentials (the connection Secret, Bitcoin Core's rpcauth) wait for the credentials
 * and TLS Secrets the operator generates: JOSDK writes those in parallel with these, so on a new network's first pass
 * they may not be there yet, which is no failure (their creation starts the next pass). A Secret the user names is
 * never waited for: when it is missing or lacks a key, desired() says so.
 */
public class GeneratedRpcSecretsWritten implements Condition<Secret, BitcoinNetwork> {
  @Override
  public boolean isMet(DependentResource<Secret, BitcoinNetwork> dependent, BitcoinNetwork network,
      Context<BitcoinNetwork> context) {
    String namespace = network.getMetadata().getNamespace();
    return generated(network).stream().allMatch(name -> WatchedSecrets.find(context, namespace, name).isPresent());
  }

  /** The names of the RPC Secrets the operator generates for this network. */
  static List<String> generated(BitcoinNetwork network) {
    List<String> names = new ArrayList<>();
    if (network.getSpec().getRpc() == null || network.getSpec().getRpc().getCredentialsSecret() == null) {
      names.add(NetworkNames.of(network).generatedCredentialsSecret());
    }
    if (RpcTlsSecret.generates(network)) {
      names.add(RpcTlsSecret.nameFor(network));
    }
    return names;
  }
}
