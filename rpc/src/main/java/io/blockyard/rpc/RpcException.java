package io.blockyard.rpc;

/**
 * Base of every failure of a call to a node's JSON-RPC interface.
 *
 * <p>Subclasses say what went wrong (the node answered with an error, the HTTP layer refused,
 * the connection failed, the node was too slow, ...). Messages name the endpoint (URL without
 * credentials) and never contain a password.
 */
public abstract class RpcException extends RuntimeException {

  private final String endpoint;

  protected RpcException(String endpoint, String message, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
  }

  /** The RPC URL that was called, without credentials. */
  public String endpoint() {
    return endpoint;
  }
}
