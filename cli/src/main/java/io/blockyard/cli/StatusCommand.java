package io.blockyard.cli;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.NodeStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A readable summary of a network: nodes, heights, peers, conditions. */
@Command(mixinStandardHelpOptions = true, name = "status",
    description = "Show a network's nodes, heights, peers and conditions.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  KubectlBlockyard root;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "the BitcoinNetwork")
  String network;

  @Override
  public Integer call() {
    try (NetworkTarget target = NetworkTarget.load(root.client(), root.podPorts(), root.namespace(), network)) {
      print(target.network(), spec.commandLine().getOut());
      return 0;
    }
  }

  static void print(BitcoinNetwork n, PrintWriter out) {
    BitcoinNetworkStatus s = n.getStatus() == null ? new BitcoinNetworkStatus() : n.getStatus();
    out.printf("Network:   %s/%s%n", n.getMetadata().getNamespace(), n.getMetadata().getName());
    out.printf("Nodes:     %s, %s, %d of %d ready%n", n.getSpec().getImplementation().name().toLowerCase(),
        n.getSpec().getChain().name().toLowerCase(), orZero(s.getReadyReplicas()), n.getSpec().getReplicas());
    out.printf("Tip:       height %s, %s%n", s.getBlockHeight() == null ? "?" : s.getBlockHeight(),
        s.getBestBlockHash() == null ? "?" : s.getBestBlockHash());
    out.println();
    out.printf("%-4s %-28s %-6s %-16s %-8s %-6s %s%n", "#", "POD", "READY", "IP", "HEIGHT", "PEERS", "ADDED NODES");
    for (NodeStatus node : s.getNodes()) {
      out.printf("%-4d %-28s %-6s %-16s %-8s %-6s %s%n", node.getOrdinal(), node.getPod(),
          Boolean.TRUE.equals(node.getReady()) ? "yes" : "no", node.getIp() == null ? "-" : node.getIp(),
          node.getBlockHeight() == null ? "-" : node.getBlockHeight(),
          node.getPeers() == null ? "-" : node.getPeers(), String.join(", ", node.getAddedNodes()));
    }
    out.println();
    for (Condition c : s.getConditions()) {
      out.printf("%-7s %-5s %-16s %s%n", c.getType(), c.getStatus(), c.getReason(), c.getMessage());
    }
    out.flush();
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }
}
