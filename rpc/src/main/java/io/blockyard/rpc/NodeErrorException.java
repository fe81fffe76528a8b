package io.blockyard.rpc;

/**
 * The node received the call and answered it with a JSON-RPC error object.
 *
 * <p>Keeps the node's own integer {@link #code()} and {@link #nodeMessage()}, so callers can
 * tell harmless answers (such as "node already added") from real failures.
 */
public final class NodeErrorException extends RpcException {

  private final String method;
  private final int code;
  private final String nodeMessage;

  public NodeErrorException(String endpoint, String method, int code, String nodeMessage) {
    super(endpoint,
        "bitcoin node RPC at " + endpoint + " answered " + method + " with error " + code + ": "
            + nodeMessage,
        null);
    this.method = method;
    this.code = code;
    this.nodeMessage = nodeMessage;
  }

  /** The JSON-RPC method that failed. */
  public String method() {
    return method;
  }

  /** The node's error code, e.g. -23 for Bitcoin Core's "Node already added". */
  public int code() {
    return code;
  }

  /** The node's error message, verbatim. */
  public String nodeMessage() {
    return nodeMessage;
  }
}
