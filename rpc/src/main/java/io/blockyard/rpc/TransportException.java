package io.blockyard.rpc;

/** Any other I/O failure while talking to the node (connection reset, interrupted wait, ...). */
public final class TransportException extends RpcException {

  public TransportException(String endpoint, String what, String reason, Throwable cause) {
    super(endpoint,
        "I/O failure talking to bitcoin node RPC at " + endpoint + " for " + what + ": " + reason,
        cause);
  }
}
