package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;

/** A Secret the network names does not exist: the message says which and what to do. */
public class MissingSecretException extends RuntimeException {
  public MissingSecretException(BitcoinNetwork network, String secret, String purpose) {
    super("the " + purpose + " Secret \"" + secret + "\" named by BitcoinNetwork "
        + network.getMetadata().getNamespace() + "/" + network.getMetadata().getName()
        + " does not exist: create it, or remove the reference to let the operator manage it");
  }
}
