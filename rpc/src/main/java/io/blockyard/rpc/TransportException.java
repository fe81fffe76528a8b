package io.blockyard.rpc;

/** Any other I/O failure while talking to the node (connection reset, interrupted wait, ...). */
public final class TransportException extends RpcException {

  public TransportException(String endpoint, String what, String reason, Throwable cause) {
    this(BITCOIN_NODE_RPC, endpoint, what, reason, cause);
  }

  /** The same for another service, e.g. {@code "lnd REST"}, named in the message. */
  public TransportException(String service, String endpoint, String what, String reason,
      Throwable cause) {
    super(endpoint,
        "I/O failure talking to " + service + " at " + endpoint + " for " + what + ": " + reason,
        cause);
  }
}
