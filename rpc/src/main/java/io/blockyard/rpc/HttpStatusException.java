package io.blockyard.rpc;

/** The node's HTTP server answered with an unexpected status and no JSON-RPC reply. */
public final class HttpStatusException extends RpcException {

  private final int status;
  private final String bodyExcerpt;

  public HttpStatusException(String endpoint, String what, int status, String bodyExcerpt) {
    this(BITCOIN_NODE_RPC, endpoint, what, status, bodyExcerpt);
  }

  /** The same for another service, e.g. {@code "lnd REST"}, named in the message. */
  public HttpStatusException(String service, String endpoint, String what, int status,
      String bodyExcerpt) {
    super(endpoint,
        service + " at " + endpoint + " answered " + what + " with HTTP status " + status
            + (bodyExcerpt.isEmpty() ? " and an empty body" : ": " + bodyExcerpt),
        null);
    this.status = status;
    this.bodyExcerpt = bodyExcerpt;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The start of the response body, whitespace collapsed. */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }
}
