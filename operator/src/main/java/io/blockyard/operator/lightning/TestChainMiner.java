package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.operator.bitcoin.NodeClients;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.MiningAddresses;
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

  /** Empty when the chain cannot mine on demand or node 0 is not ready yet (the network's reconciler says so). */
  static Optional<TestChainMiner> of(NodeClients clients, BitcoinNetwork network) {
    if (!network.getSpec().getChain().minesOnDemand()) {
      return Optional.empty();
    }
    return clients.node(network.getMetadata().getUid(), 0).map(node -> new TestChainMiner(network, node));
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
