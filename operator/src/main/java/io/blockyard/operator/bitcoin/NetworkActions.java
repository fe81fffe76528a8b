package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.operator.Events;
import io.blockyard.operator.bitcoin.NetworkPlan.Mining;
import io.blockyard.operator.bitcoin.NetworkPlan.Relay;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.MiningAddresses;
import io.blockyard.rpc.RpcException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The act step: carries a {@link NetworkPlan} out on the nodes and says what came of it. */
final class NetworkActions {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkActions.class);
  /** Initial blocks are mined in calls of this many, each well inside the RPC timeout. */
  static final int INITIAL_MINING_BATCH = 20;
  static final Duration MINING_PAUSE_AFTER_FAILURE = Duration.ofSeconds(10);

  /**
   * What came of the actions.
   *
   * @param addedNodes per answering node: its added-node list after the mesh changes that went through
   * @param failures {@code pod: error} for each node a change could not be made on
   * @param memory the plan's memory, with what the actions learnt (mining address, a pause after a failure)
   */
  record Outcome(Map<Integer, List<String>> addedNodes, List<String> failures, NetworkMemory memory) {}

  private final BitcoinNetwork network;
  private final Map<Integer, BitcoinNode> nodes;
  private final Events events;

  /** @param nodes the clients of the nodes that answered this pass, by ordinal */
  NetworkActions(BitcoinNetwork network, Map<Integer, BitcoinNode> nodes, Events events) {
    this.network = network;
    this.nodes = nodes;
    this.events = events;
  }

  Outcome act(NetworkPlan plan, NetworkObservation observation, Instant now) {
    List<String> failures = new ArrayList<>();
    Map<Integer, List<String>> addedNodes = mesh(plan, observation, failures);
    plan.relays().forEach(relay -> relay(relay, observation));
    NetworkMemory memory = plan.memory();
    plan.miningProblem().ifPresent(problem -> events.warning(network, "MiningIntervalInvalid", problem));
    if (plan.mining().isPresent()) {
      memory = mine(plan.mining().get(), memory, now);
    }
    return new Outcome(addedNodes, failures, memory);
  }

  private Map<Integer, List<String>> mesh(NetworkPlan plan, NetworkObservation observation, List<String> failures) {
    Map<Integer, List<String>> after = new LinkedHashMap<>();
    plan.mesh().forEach((ordinal, changes) -> {
      BitcoinNode node = nodes.get(ordinal);
      String pod = observation.node(ordinal).orElseThrow().pod();
      Set<String> now = new TreeSet<>(plan.known().getOrDefault(ordinal, Set.of()));
      try {
        for (String address : changes.add()) {
          node.addNode(address);
          now.add(address);
        }
        for (String address : changes.remove()) {
          node.removeNode(address);
          now.remove(address);
        }
      } catch (RpcException e) {
        failures.add(pod + ": " + e.getMessage());
      }
      if (!changes.isEmpty()) {
        LOG.info("{}/{} {}: added {} removed {}", network.getMetadata().getNamespace(),
            network.getMetadata().getName(), pod, changes.add(), changes.remove());
      }
      after.put(ordinal, new ArrayList<>(now));
    });
    return after;
  }

  private void relay(Relay relay, NetworkObservation observation) {
    BitcoinNode source = nodes.get(relay.source());
    BitcoinNode target = nodes.get(relay.target());
    String targetPod = observation.node(relay.target()).orElseThrow().pod();
    try {
      // A node that is behind may sit on a fork; start from the first height where the hashes differ.
      long from = relay.fromHeight();
      while (from > 0 && !source.blockHash(from).equals(target.blockHash(from))) {
        from--;
      }
      for (long h = from + 1; h <= relay.until(); h++) {
        target.submitBlock(source.rawBlock(source.blockHash(h)));
      }
      LOG.info("{}/{}: relayed blocks {}..{} from {} to {}", network.getMetadata().getNamespace(),
          network.getMetadata().getName(), from + 1, relay.until(),
          observation.node(relay.source()).orElseThrow().pod(), targetPod);
    } catch (RpcException e) {
      LOG.warn("relaying blocks to {} failed: {}", targetPod, e.getMessage());
    }
  }

  private NetworkMemory mine(Mining mining, NetworkMemory memory, Instant now) {
    BitcoinNode miner = nodes.get(mining.miner());
    NetworkMemory after = memory;
    try {
      if (after.miningAddress() == null) {
        // Asked once per network: implementations of one chain disagree on version bytes.
        String uid = network.getMetadata().getUid();
        after = after.withMiningAddress(MiningAddresses.acceptedBy(miner, uid,
            network.getSpec().getChain() == Chain.SIMNET));
      }
      String address = after.miningAddress();
      long mined = 0;
      while (mined < mining.blocks()) {
        int batch = (int) Math.min(INITIAL_MINING_BATCH, mining.blocks() - mined);
        miner.mine(batch, address);
        mined += batch;
      }
      if (mining.initial()) {
        events.normal(network, "InitialBlocksMined", "mined " + mined + " blocks to " + address);
      }
      return after;
    } catch (RpcException e) {
      // The node may still be mining what it was asked for: wait until its height shows it before asking again.
      events.warning(network, "MiningFailed", "mining on " + network.getMetadata().getName() + "-" + mining.miner()
          + " failed: " + e.getMessage());
      return after.withMiningPausedUntil(now.plus(MINING_PAUSE_AFTER_FAILURE));
    }
  }
}
