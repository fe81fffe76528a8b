package io.blockyard.rpc;

/**
 * Base of every failure of a call to a node's RPC interface (a Bitcoin node's JSON-RPC, lnd's REST).
 *
 * <p>Subclasses say what went wrong (the node answered with an error, the HTTP layer refused,
 * the connection failed, the node was too slow, ...). Messages name the endpoint (URL without
 * credentials) and never contain a password.
 */
public abstract class RpcException extends RuntimeException {

  /** How messages name the service when the caller does not: a Bitcoin node's JSON-RPC. */
  protected static final String BITCOIN_NODE_RPC = "bitcoin node RPC";

  private final String endpoint;

  protected RpcException(String endpoint, String message, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
  }

  /** The URL that was called, without credentials. */
  public String endpoint() {
    return endpoint;
  }
}
