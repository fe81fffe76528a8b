package io.blockyard.rpc;

/**
 * The node answered, but not with what JSON-RPC or the called method promises (not JSON, a
 * missing reply in a batch, a result of the wrong shape).
 */
public final class MalformedResponseException extends RpcException {

  public MalformedResponseException(String endpoint, String problem) {
    super(endpoint, "bitcoin node RPC at " + endpoint + " sent an unusable answer: " + problem,
        null);
  }
}
