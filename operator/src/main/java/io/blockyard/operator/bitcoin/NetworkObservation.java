package io.blockyard.operator.bitcoin;

import io.blockyard.rpc.NodeObservation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one pass saw of a network, and nothing else: its pods, and what each ready node's RPC answered. Immutable;
 * the plan and the status are computed from it.
 *
 * @param nodes one per pod of the network, in ordinal order
 * @param credentialsProblem what is missing to call the nodes (RPC credentials, a key, the TLS CA), or null
 * @param podProblems what the kubelet reports of pods it cannot run
 */
public record NetworkObservation(List<ObservedNode> nodes, String credentialsProblem, List<String> podProblems) {
  public NetworkObservation {
    nodes = List.copyOf(nodes);
    podProblems = List.copyOf(podProblems);
  }

  /**
   * One pod of the network.
   *
   * @param chain what its RPC answered, or null (not ready, no credentials, or no answer)
   * @param error why a ready node's RPC did not answer, or null
   */
  public record ObservedNode(int ordinal, String pod, boolean ready, String ip, String dnsName, NodeObservation chain,
      String error) {
    public boolean answered() {
      return chain != null;
    }
  }

  /** Whether the RPC credentials (and TLS CA, where the nodes speak TLS) could be read. */
  public boolean credentialsKnown() {
    return credentialsProblem == null;
  }

  /** The nodes whose RPC answered, by ordinal, in ordinal order. */
  public Map<Integer, NodeObservation> answered() {
    Map<Integer, NodeObservation> answered = new LinkedHashMap<>();
    nodes.stream().filter(ObservedNode::answered).forEach(n -> answered.put(n.ordinal(), n.chain()));
    return answered;
  }

  /** The node with the highest tip among those that answered. */
  public Optional<ObservedNode> best() {
    return nodes.stream().filter(ObservedNode::answered)
        .max(Comparator.comparingLong((ObservedNode n) -> n.chain().height()));
  }

  public Optional<ObservedNode> node(int ordinal) {
    return nodes.stream().filter(n -> n.ordinal() == ordinal).findFirst();
  }

  /** {@code pod: error} for each ready node whose RPC did not answer. */
  public List<String> unreachable() {
    return nodes.stream().filter(n -> n.error() != null).map(n -> n.pod() + ": " + n.error()).toList();
  }

  public long readyCount() {
    return nodes.stream().filter(ObservedNode::ready).count();
  }
}
