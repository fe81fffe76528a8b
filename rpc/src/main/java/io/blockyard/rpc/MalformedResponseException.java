package io.blockyard.rpc;

/**
 * The node answered, but not with what JSON-RPC or the called method promises (not JSON, a
 * missing reply in a batch, a result of the wrong shape).
 */
public final class MalformedResponseException extends RpcException {

  public MalformedResponseException(String endpoint, String problem) {
    this(BITCOIN_NODE_RPC, endpoint, problem);
  }

  /** The same for another service, e.g. {@code "lnd REST"}, named in the message. */
  public MalformedResponseException(String service, String endpoint, String problem) {
    super(endpoint, service + " at " + endpoint + " sent an unusable answer: " + problem, null);
  }
}
