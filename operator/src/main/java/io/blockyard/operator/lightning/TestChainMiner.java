package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.operator.bitcoin.NodeProgram;
import io.blockyard.operator.bitcoin.RpcAccess;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.MiningAddresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * Mines on a BitcoinNetwork's node 0 (the node its Lightning nodes use) for channel funding and confirmations; test
 * chains only. Other blocks pay to the network's own mining address, as the network's interval mining does.
 */
final class TestChainMiner {
  private final BitcoinNetwork network;
  private final BitcoinNode node;

  private TestChainMiner(BitcoinNetwork network, BitcoinNode node) {
    this.network = network;
    this.node = node;
  }

  /** Empty when the chain cannot mine on demand or node 0 is not ready yet. */
  static Optional<TestChainMiner> of(KubernetesClient client, BitcoinNetwork network) {
    if (!network.getSpec().getChain().minesOnDemand() || network.getStatus() == null) {
      return Optional.empty();
    }
    Optional<NodeStatus> node0 = network.getStatus().getNodes().stream()
        .filter(n -> n.getOrdinal() == 0 && Boolean.TRUE.equals(n.getReady()) && n.getIp() != null).findFirst();
    Optional<RpcAccess> access = RpcAccess.read(client, network);
    if (node0.isEmpty() || access.isEmpty()) {
      return Optional.empty();
    }
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    BitcoinNode node = BitcoinNode.connect(program.name(),
        access.get().endpoint(node0.get().getIp(), program.rpcPort(network.getSpec().getChain())));
    return Optional.of(new TestChainMiner(network, node));
  }

  Chain chain() {
    return network.getSpec().getChain();
  }

  long segwitActiveHeight() {
    return Funding.segwitActiveHeight(network.getSpec().getImplementation(), chain());
  }

  long height() {
    return node.blockCount();
  }

  /** Coinbase outputs to a wallet, then enough blocks on top for them to mature. */
  void fund(String address, int blocks) {
    node.mineTo(address, blocks);
    confirm(Funding.COINBASE_MATURITY);
  }

  void confirm(int blocks) {
    String uid = network.getMetadata().getUid();
    node.mine(blocks, MiningAddresses.acceptedBy(node, uid, chain() == Chain.SIMNET));
  }
}
