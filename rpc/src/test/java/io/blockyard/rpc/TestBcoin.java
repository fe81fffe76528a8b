package io.blockyard.rpc;

/** A bcoin started for a test: regtest, in memory, plain-HTTP RPC on 127.0.0.1. */
record TestBcoin(NodeProcess process, int httpPort, int p2pPort, String apiKey) {

  /** bcoin accepts any user name; the password is its API key. */
  RpcEndpoint endpoint() {
    return RpcEndpoint.http("127.0.0.1", httpPort).withCredentials("blockyard", apiKey);
  }

  /** This bcoin's peer-to-peer address. */
  String p2pAddress() {
    return "127.0.0.1:" + p2pPort;
  }

  BitcoinCoreDialect node() {
    return new BitcoinCoreDialect(new JsonRpcClient(endpoint()));
  }
}
