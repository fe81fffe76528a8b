package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.bitcoin.RpcSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** BitcoinNetwork objects as the API server would hand them to the operator, built in code. */
final class TestNetworks {
  static final String NAMESPACE = "team-a";
  static final String UID = "0b5d3f5e-7c1a-4a8e-9f57-2f3c6c9d1e01";
  static final long GENERATION = 3;

  private TestNetworks() {}

  /** A btcd regtest network named {@code net} with three nodes. */
  static BitcoinNetwork btcd() {
    return network("net", Implementation.BTCD, Chain.REGTEST);
  }

  /** A Bitcoin Core regtest network named {@code net} with three nodes. */
  static BitcoinNetwork bitcoind() {
    return network("net", Implementation.BITCOIND, Chain.REGTEST);
  }

  static BitcoinNetwork network(String name, Implementation implementation, Chain chain) {
    BitcoinNetwork network = new BitcoinNetwork();
    network.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).withUid(UID)
        .withGeneration(GENERATION).build());
    network.getSpec().setReplicas(3);
    network.getSpec().setImplementation(implementation);
    network.getSpec().setChain(chain);
    return network;
  }

  static BitcoinNetwork withUid(BitcoinNetwork network, String uid) {
    network.getMetadata().setUid(uid);
    return network;
  }

  static BitcoinNetwork withPeers(BitcoinNetwork network, String... peers) {
    network.getSpec().setPeers(List.of(peers));
    return network;
  }

  static BitcoinNetwork withCredentialsSecret(BitcoinNetwork network, String secret) {
    rpc(network).setCredentialsSecret(secret);
    return network;
  }

  static BitcoinNetwork withTlsSecret(BitcoinNetwork network, String secret) {
    rpc(network).setTlsSecret(secret);
    return network;
  }

  private static RpcSpec rpc(BitcoinNetwork network) {
    if (network.getSpec().getRpc() == null) {
      network.getSpec().setRpc(new RpcSpec());
    }
    return network.getSpec().getRpc();
  }
}
