package io.blockyard.operator.bitcoin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a pass will do to a network's nodes, decided from an observation alone (see {@link NetworkPlanner}).
 *
 * @param known per answering node: the addresses known to be on its added-node list before the changes
 * @param mesh per answering node: what to add to and remove from its list
 * @param relays blocks to hand over by RPC to nodes that stay behind
 * @param mining blocks to mine, if any
 * @param miningProblem why the network's mining settings cannot be followed, if they cannot
 * @param memory what to remember of the network after this pass (before the outcome of the actions)
 * @param observeAgain when to look at the nodes again if nothing else wakes the reconciler
 */
record NetworkPlan(Map<Integer, Set<String>> known, Map<Integer, MeshPlan.Changes> mesh, List<Relay> relays,
    Optional<Mining> mining, Optional<String> miningProblem, NetworkMemory memory, Duration observeAgain) {

  /** Hand {@code source}'s blocks above the last common one (at or below {@code fromHeight}) up to {@code until}. */
  record Relay(int source, int target, long fromHeight, long until) {}

  /** Mine {@code blocks} on node {@code miner}; {@code initial} for the network's initial blocks. */
  record Mining(int miner, long blocks, boolean initial) {}
}
