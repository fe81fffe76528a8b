package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.ReconcileFailure;

/** A Secret the network needs does not exist (yet), or lacks a key: the message says which and what to do. */
public class MissingSecretException extends RuntimeException implements ReconcileFailure.Explained {
  /** @param problem what is missing, e.g. Secret "x" has no key "password" */
  public MissingSecretException(BitcoinNetwork network, String problem) {
    super(problem + " (BitcoinNetwork " + network.getMetadata().getNamespace() + "/" + network.getMetadata().getName()
        + "): create it or add the key, or remove spec.rpc's reference to let the operator manage it");
  }

  @Override
  public String reason() {
    return "SecretMissing";
  }
}
