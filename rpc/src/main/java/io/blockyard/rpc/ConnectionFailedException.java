package io.blockyard.rpc;

/**
 * No TCP connection to the node's RPC port could be opened: typically "connection refused"
 * because nothing listens there (node down, wrong port), or the host is unreachable.
 */
public final class ConnectionFailedException extends RpcException {

  public ConnectionFailedException(String endpoint, String what, String reason, Throwable cause) {
    this(BITCOIN_NODE_RPC, endpoint, what, reason, cause);
  }

  /** The same for another service, e.g. {@code "lnd REST"}, named in the message. */
  public ConnectionFailedException(String service, String endpoint, String what, String reason,
      Throwable cause) {
    super(endpoint,
        "could not connect to " + service + " at " + endpoint + " for " + what + " (" + reason
            + ")",
        cause);
  }
}
