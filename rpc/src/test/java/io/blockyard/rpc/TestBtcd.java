package io.blockyard.rpc;

/**
 * A btcd started for a test: regtest, RPC over TLS on 127.0.0.1, mining to a fixed address.
 *
 * @param certPem the certificate btcd's RPC server presents (its own CA)
 */
record TestBtcd(NodeProcess process, int rpcPort, int p2pPort, String certPem, String user,
    String password) {

  /** HTTPS to this btcd trusting only its certificate, host name checked. */
  RpcEndpoint endpoint() {
    return RpcEndpoint.https("127.0.0.1", rpcPort, TlsTrust.trustingCa(certPem))
        .withCredentials(user, password);
  }

  /** This btcd's peer-to-peer address. */
  String p2pAddress() {
    return "127.0.0.1:" + p2pPort;
  }

  BtcdDialect node() {
    return new BtcdDialect(new JsonRpcClient(endpoint()));
  }
}
