package io.blockyard.rpc;

/**
 * No TCP connection to the node's RPC port could be opened: typically "connection refused"
 * because nothing listens there (node down, wrong port), or the host is unreachable.
 */
public final class ConnectionFailedException extends RpcException {

  public ConnectionFailedException(String endpoint, String what, String reason, Throwable cause) {
    super(endpoint,
        "could not connect to bitcoin node RPC at " + endpoint + " for " + what + " (" + reason
            + ")",
        cause);
  }
}
