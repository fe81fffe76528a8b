package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;

/** A Secret the network needs does not exist (yet): the message says which and what to do. */
public class MissingSecretException extends RuntimeException {
  /**
   * @param tlsSecret the TLS Secret the network uses, or null when it speaks plain HTTP
   */
  public MissingSecretException(BitcoinNetwork network, String credentialsSecret, String tlsSecret) {
    super("the RPC credentials Secret \"" + credentialsSecret + "\""
        + (tlsSecret == null ? "" : " or the RPC TLS Secret \"" + tlsSecret + "\"")
        + " of BitcoinNetwork " + network.getMetadata().getNamespace() + "/" + network.getMetadata().getName()
        + " does not exist: create it, or remove spec.rpc's reference to let the operator manage it");
  }
}
