package io.blockyard.operator.lightning;

import static io.blockyard.api.lightning.NodeConditionReason.BACKEND_SECRET_INCOMPLETE;
import static io.blockyard.api.lightning.NodeConditionReason.BACKEND_SECRET_NOT_FOUND;
import static io.blockyard.api.lightning.NodeConditionReason.NETWORK_DELETING;
import static io.blockyard.api.lightning.NodeConditionReason.NETWORK_NOT_FOUND;
import static io.blockyard.api.lightning.NodeConditionReason.STORAGE_REQUIRED;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ExternalBackendSpec;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.NodeConditionReason;
import io.blockyard.operator.SecretValues;
import io.blockyard.operator.WatchedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a Lightning node's chain backend in the cluster: its BitcoinNetwork, or the external backend's Secret. What is
 * missing becomes a reason and a message that says what to do.
 *
 * @param network the bound BitcoinNetwork, when the node is bound to one and it exists
 * @param reason why there is no backend (the WalletReady reason), or null when there is one
 */
public record BackendResolution(Optional<ChainBackend> backend, Optional<BitcoinNetwork> network,
    NodeConditionReason reason, String message) {
  /**
   * Resolved once per reconciliation, from the caches: the workflow's precondition, the StatefulSet's desired state
   * and the reconciler all ask.
   */
  public static BackendResolution of(LightningNode node, Context<LightningNode> context) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    return shared.get(BackendResolution.class, BackendResolution.class).orElseGet(() -> {
      BackendResolution resolved = resolve(context, node);
      shared.put(BackendResolution.class, resolved); // put answers the previous value, not this one
      return resolved;
    });
  }

  private static BackendResolution resolve(Context<LightningNode> context, LightningNode node) {
    String namespace = node.getMetadata().getNamespace();
    if (node.getSpec().getNetwork() != null) {
      String name = node.getSpec().getNetwork();
      // From the watched networks (see LightningNodeReconciler#prepareEventSources): a change to it wakes the node.
      BitcoinNetwork network = context.getSecondaryResource(BitcoinNetwork.class).orElse(null);
      if (network == null) {
        return missing(NETWORK_NOT_FOUND, "BitcoinNetwork \"" + name + "\" does not exist in namespace " + namespace
            + ": create it, or set spec.network to an existing one (kubectl get btcnet -n " + namespace + ")");
      }
      if (network.getMetadata().getDeletionTimestamp() != null) {
        return missing(NETWORK_DELETING, "BitcoinNetwork \"" + name + "\" is being deleted");
      }
      Optional<String> storage = storageProblem(node, network);
      if (storage.isPresent()) {
        // Admission cannot see the network's chain; lnd never starts, so no wallet or channel is at stake yet.
        return missing(STORAGE_REQUIRED, storage.get());
      }
      return new BackendResolution(Optional.of(ChainBackend.of(network)), Optional.of(network), null,
          "chain backend: BitcoinNetwork " + name + " (" + network.getSpec().getImplementation().name().toLowerCase()
              + ", " + network.getSpec().getChain().name().toLowerCase() + ")");
    }
    ExternalBackendSpec external = node.getSpec().getExternalBackend();
    Secret secret = WatchedSecrets.find(context, namespace, external.getSecret()).orElse(null);
    if (secret == null) {
      return missing(BACKEND_SECRET_NOT_FOUND, "Secret \"" + external.getSecret() + "\" of spec.externalBackend does "
          + "not exist in namespace " + namespace + ": create it with keys "
          + String.join(", ", ChainBackend.requiredKeys(external.getImplementation())));
    }
    List<String> lacking = new ArrayList<>();
    for (String key : ChainBackend.requiredKeys(external.getImplementation())) {
      if (SecretValues.text(secret, key) == null) {
        lacking.add(key);
      }
    }
    if (!lacking.isEmpty()) {
      return missing(BACKEND_SECRET_INCOMPLETE, "Secret \"" + external.getSecret() + "\" of spec.externalBackend "
          + "lacks " + String.join(", ", lacking) + ": add them (host is host:port of the RPC server)");
    }
    return new BackendResolution(Optional.of(ChainBackend.of(external)), Optional.empty(), null,
        "chain backend: the node in Secret " + external.getSecret());
  }

  /** On a chain with real coins a node needs a volume: without one its channel state goes with the pod. */
  static Optional<String> storageProblem(LightningNode node, BitcoinNetwork network) {
    if (network.getSpec().getChain().minesOnDemand() || node.getSpec().getStorage() != null) {
      return Optional.empty();
    }
    return Optional.of("BitcoinNetwork \"" + network.getMetadata().getName() + "\" is on "
        + network.getSpec().getChain().name().toLowerCase() + ", where a node without a volume loses its channel "
        + "state (and the funds in channels) with its pod: delete this LightningNode and create it again with "
        + "spec.storage (storage cannot be added to an existing node)");
  }

  private static BackendResolution missing(NodeConditionReason reason, String message) {
    return new BackendResolution(Optional.empty(), Optional.empty(), reason, message);
  }
}
