package io.blockyard.rpc;

/**
 * The JSON-RPC protocol version written into each request's {@code jsonrpc} member.
 *
 * <p>Always sent, because btcd silently answers nothing to a request without it.
 */
public enum JsonRpcVersion {
  /** JSON-RPC 1.0: understood by every Bitcoin Core, btcd and bcoin version. */
  V1("1.0"),
  /** JSON-RPC 2.0: btcd, bcoin, and Bitcoin Core from version 28. */
  V2("2.0");

  private final String wireName;

  JsonRpcVersion(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code jsonrpc} member. */
  public String wireName() {
    return wireName;
  }
}
