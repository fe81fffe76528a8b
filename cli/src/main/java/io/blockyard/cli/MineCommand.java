package io.blockyard.cli;

import io.blockyard.api.bitcoin.Chain;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.MiningAddresses;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Mines blocks on a test chain, to the network's mining address (as the operator does). */
@Command(mixinStandardHelpOptions = true, name = "mine", description = "Mine blocks on a regtest or simnet network.")
final class MineCommand implements Callable<Integer> {
  @ParentCommand
  KubectlBlockyard root;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--node", defaultValue = "0", description = "ordinal of the node that mines (default 0)")
  int node;

  @Parameters(index = "0", description = "the BitcoinNetwork")
  String network;

  @Parameters(index = "1", description = "how many blocks")
  int blocks;

  @Override
  public Integer call() {
    if (blocks < 1) {
      throw new IllegalArgumentException("mine at least 1 block");
    }
    try (NetworkTarget target = NetworkTarget.load(root.client(), root.podPorts(), root.namespace(), network)) {
      var chain = target.network().getSpec().getChain();
      if (!chain.minesOnDemand()) {
        throw new IllegalArgumentException("network " + network + " runs " + chain.name().toLowerCase()
            + ", which cannot mine on demand: only regtest and simnet can");
      }
      BitcoinNode bitcoin = target.connect(node);
      List<String> hashes = bitcoin.mine(blocks, miningAddress(target, bitcoin));
      spec.commandLine().getOut().printf("mined %d blocks on %s-%d; tip %s%n", hashes.size(), network, node,
          hashes.get(hashes.size() - 1));
      return 0;
    }
  }

  /** The address the operator mines to: the first of the network's candidates that this node accepts. */
  static String miningAddress(NetworkTarget target, BitcoinNode node) {
    return MiningAddresses.acceptedBy(node, target.network().getMetadata().getUid(),
        target.network().getSpec().getChain() == Chain.SIMNET);
  }
}
