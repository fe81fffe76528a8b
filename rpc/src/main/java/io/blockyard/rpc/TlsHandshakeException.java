package io.blockyard.rpc;

/**
 * The HTTPS handshake failed: the node's certificate is not signed by the configured CA, its
 * host names do not match, or the TLS versions did not agree.
 */
public final class TlsHandshakeException extends RpcException {

  public TlsHandshakeException(String endpoint, String what, String reason, Throwable cause) {
    this(BITCOIN_NODE_RPC, endpoint, what, reason, cause);
  }

  /** The same for another service, e.g. {@code "lnd REST"}, named in the message. */
  public TlsHandshakeException(String service, String endpoint, String what, String reason,
      Throwable cause) {
    super(endpoint,
        "TLS handshake with " + service + " at " + endpoint + " failed for " + what + ": "
            + reason,
        cause);
  }
}
