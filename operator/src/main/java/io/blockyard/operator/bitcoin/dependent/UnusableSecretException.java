package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.ReconcileFailure;

/** A Secret the network names holds a value the nodes cannot take: the message says which, never the value. */
public class UnusableSecretException extends RuntimeException implements ReconcileFailure.Explained {
  /** @param problem what is wrong, e.g. the RPC password contains a line break */
  public UnusableSecretException(BitcoinNetwork network, String secret, String problem) {
    super("Secret " + secret + ": " + problem + " (BitcoinNetwork " + network.getMetadata().getNamespace() + "/"
        + network.getMetadata().getName() + "): write a value without it into the Secret");
  }

  @Override
  public String reason() {
    return "SecretInvalid";
  }
}
