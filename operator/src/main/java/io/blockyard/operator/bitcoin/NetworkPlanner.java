package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetworkSpec;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.MiningSpec;
import io.blockyard.operator.bitcoin.NetworkObservation.ObservedNode;
import io.blockyard.operator.bitcoin.NetworkPlan.Mining;
import io.blockyard.operator.bitcoin.NetworkPlan.Relay;
import io.blockyard.rpc.NodeObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan step: from what a pass observed, what to do to the nodes (mesh, block relay, mining) and when to look
 * again. Pure: no I/O, no clock of its own.
 */
final class NetworkPlanner {
  /** How soon the nodes are asked again while the network is still converging. */
  static final Duration CONVERGING = Duration.ofSeconds(2);
  /**
   * How soon the nodes are asked again while all that is missing is pods the kubelet is still starting: their
   * readiness wakes the network at once (a pod event), so this is only a safety net. Polled every 2 s instead, the
   * networks of a fleet that was starting took a third of the operator's CPU on passes that found nothing new.
   */
  static final Duration WAITING_FOR_PODS = Duration.ofSeconds(10);
  /**
   * How soon an idle network's nodes are asked again when they tell the operator of each new block themselves: what
   * is left to notice (a peer list changed by hand, a lost notification) can wait a minute. btcd closes an idle RPC
   * connection after 10 s, so each of these looks is a new TLS handshake per node: at 30 s those handshakes were
   * 40 % of the operator's CPU with 30 idle networks.
   */
  static final Duration IDLE_NOTIFIED = Duration.ofSeconds(60);
  /** How soon an idle network's nodes are asked again when they do not (Bitcoin Core's dialect here). */
  static final Duration IDLE_POLLED = Duration.ofSeconds(10);
  /** Peers usually deliver a new block within this; only a node behind for longer gets blocks by RPC. */
  static final Duration BEHIND_BEFORE_RELAY = Duration.ofSeconds(4);
  static final int RELAY_BATCH = 500;

  private final BitcoinNetworkSpec spec;
  private final int p2pPort;
  private final boolean notified;

  /**
   * @param notified whether every ready node reports new blocks to the operator as they come (btcd's
   *     {@code notifyblocks}), so that an idle network need not be polled often
   */
  NetworkPlanner(BitcoinNetworkSpec spec, int p2pPort, boolean notified) {
    this.spec = spec;
    this.p2pPort = p2pPort;
    this.notified = notified;
  }

  /**
   * @param previous the status the operator last wrote: btcd lists only the added nodes it is connected to, so what
   *     the operator added before (same pod IP) counts as on the list too
   * @param ownedAddresses P2P addresses that are or were the network's own pods': only these are ever removed
   */
  NetworkPlan plan(NetworkObservation observation, BitcoinNetworkStatus previous, Set<String> ownedAddresses,
      NetworkMemory memory, Instant now) {
    Map<Integer, Set<String>> known = known(observation, previous);
    Map<Integer, String> readyAddresses = new LinkedHashMap<>();
    observation.answered().keySet().forEach(o -> readyAddresses.put(o, observation.node(o).orElseThrow().ip()
        + ":" + p2pPort));
    Map<Integer, MeshPlan.Changes> mesh = MeshPlan.plan(readyAddresses, known, spec.getPeers(), ownedAddresses);

    Map<String, Instant> behindSince = new HashMap<>();
    List<Relay> stale = relays(observation, memory, now, behindSince);
    // Only where peers do not carry blocks to a stale node themselves (see BlockRelay); a node behind is remembered on
    // every chain (the Synced condition gives it as long to catch up), and its own block notification tells when it
    // has: only a relaying network is looked at again soon for it (a chain's initial download is long).
    List<Relay> relays = BlockRelay.needed(spec.getChain()) ? stale : List.of();
    NetworkMemory next = memory.withBehindSince(behindSince);

    Optional<Mining> mining = Optional.empty();
    Optional<String> miningProblem = Optional.empty();
    Optional<Instant> nextBlock = Optional.empty();
    MiningSpec miningSpec = spec.getMining();
    var answered = observation.answered();
    boolean mines = miningSpec != null && spec.getChain().minesOnDemand() && !answered.isEmpty()
        && answered.size() == spec.getReplicas()
        && (memory.miningPausedUntil() == null || !now.isBefore(memory.miningPausedUntil()));
    if (mines) {
      int miner = answered.keySet().iterator().next();
      long height = answered.values().stream().mapToLong(NodeObservation::height).max().orElse(0);
      int initial = miningSpec.getInitialBlocks() == null ? 0 : miningSpec.getInitialBlocks();
      if (height < initial) {
        mining = Optional.of(new Mining(miner, initial - height, true));
      } else if (miningSpec.getInterval() != null) {
        try {
          Duration interval = MiningInterval.parse(miningSpec.getInterval());
          Instant last = memory.lastIntervalBlock();
          if (last == null) {
            next = next.withLastIntervalBlock(now);
            nextBlock = Optional.of(now.plus(interval));
          } else if (!now.isBefore(last.plus(interval))) {
            mining = Optional.of(new Mining(miner, 1, false));
            next = next.withLastIntervalBlock(now);
            nextBlock = Optional.of(now.plus(interval));
          } else {
            nextBlock = Optional.of(last.plus(interval));
          }
        } catch (IllegalArgumentException e) {
          miningProblem = Optional.of(e.getMessage());
        }
      }
    }

    boolean converging = !observation.credentialsKnown() || !observation.unreachable().isEmpty()
        || mesh.values().stream().anyMatch(c -> !c.isEmpty())
        || (BlockRelay.needed(spec.getChain()) && !behindSince.isEmpty()) || mining.map(Mining::initial).orElse(false);
    boolean podsStarting = observation.readyCount() < spec.getReplicas();
    Duration again = converging ? CONVERGING : podsStarting ? WAITING_FOR_PODS
        : notified ? IDLE_NOTIFIED : IDLE_POLLED;
    if (nextBlock.isPresent()) {
      Duration untilBlock = Duration.between(now, nextBlock.get());
      again = untilBlock.compareTo(again) < 0 ? untilBlock : again;
      again = again.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : again;
    }
    return new NetworkPlan(known, mesh, relays, mining, miningProblem, next, again);
  }

  /** What is on each answering node's added-node list: what it reports, plus the operator's own additions. */
  private static Map<Integer, Set<String>> known(NetworkObservation observation, BitcoinNetworkStatus previous) {
    Map<Integer, Set<String>> known = new LinkedHashMap<>();
    for (ObservedNode node : observation.nodes()) {
      if (!node.answered()) {
        continue;
      }
      Set<String> k = new TreeSet<>(node.chain().addedNodes());
      previous.getNodes().stream()
          .filter(p -> p.getOrdinal() != null && p.getOrdinal() == node.ordinal() && node.ip() != null
              && node.ip().equals(p.getIp()))
          .forEach(p -> k.addAll(p.getAddedNodes()));
      known.put(node.ordinal(), k);
    }
    return known;
  }

  /**
   * A node whose tip looks stale (older than a day: always so on a fresh regtest chain) ignores block announcements
   * from peers that are not its sync peer, and btcd on regtest takes only localhost peers as sync peers. So a node
   * that stays behind the best node gets the missing blocks handed over by RPC (at most {@link #RELAY_BATCH} per
   * pass); once its tip is recent, the peer-to-peer network carries new blocks on its own.
   *
   * @param behindSince filled with the nodes behind now, and since when
   */
  private static List<Relay> relays(NetworkObservation observation, NetworkMemory memory, Instant now,
      Map<String, Instant> behindSince) {
    List<Relay> relays = new ArrayList<>();
    Optional<ObservedNode> best = observation.best();
    if (best.isEmpty()) {
      return relays;
    }
    long bestHeight = best.get().chain().height();
    for (ObservedNode node : observation.nodes()) {
      if (!node.answered() || node.chain().height() >= bestHeight) {
        continue;
      }
      Instant since = memory.behindSince().getOrDefault(node.pod(), now);
      behindSince.put(node.pod(), since);
      if (Duration.between(since, now).compareTo(BEHIND_BEFORE_RELAY) >= 0) {
        long height = node.chain().height();
        relays.add(new Relay(best.get().ordinal(), node.ordinal(), height, Math.min(bestHeight, height + RELAY_BATCH)));
      }
    }
    return relays;
  }
}
