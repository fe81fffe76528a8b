package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.fabric8.generator.annotation.Required;

/**
 * A Bitcoin node the operator does not manage. The Secret holds {@code host} (host:port of the RPC server),
 * {@code user}, {@code password}, for btcd {@code ca.crt} (the RPC certificate), and for Bitcoin Core
 * {@code zmqpubrawblock} and {@code zmqpubrawtx} (tcp://host:port).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalBackendSpec {
  @Required
  @JsonPropertyDescription("The node's software: btcd or bitcoind.")
  private Implementation implementation;

  @Required
  @JsonPropertyDescription("The node's chain.")
  private Chain chain;

  @Required
  @JsonPropertyDescription("Secret (same namespace) with host, user, password, and ca.crt (btcd) or "
      + "zmqpubrawblock and zmqpubrawtx (bitcoind).")
  private String secret;

  public Implementation getImplementation() {
    return implementation;
  }

  public void setImplementation(Implementation implementation) {
    this.implementation = implementation;
  }

  public Chain getChain() {
    return chain;
  }

  public void setChain(Chain chain) {
    this.chain = chain;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }
}
