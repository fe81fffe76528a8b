package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.BitcoinNetworkSpec;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.MiningSpec;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.operator.bitcoin.NetworkObservation.ObservedNode;
import io.blockyard.rpc.NodeObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan step alone: observations in, actions and the next look out; no cluster, no node. */
class NetworkPlannerTest {
  static final int P2P = 18444;
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  static final String A = "10.213.9.10:" + P2P;
  static final String B = "10.213.9.11:" + P2P;
  static final String C = "10.213.9.12:" + P2P;

  static BitcoinNetworkSpec spec(int replicas, MiningSpec mining) {
    BitcoinNetworkSpec spec = new BitcoinNetworkSpec();
    spec.setReplicas(replicas);
    spec.setChain(Chain.REGTEST);
    spec.setMining(mining);
    return spec;
  }

  static MiningSpec mining(Integer initial, String interval) {
    MiningSpec mining = new MiningSpec();
    mining.setInitialBlocks(initial);
    mining.setInterval(interval);
    return mining;
  }

  static ObservedNode node(int ordinal, long height, String... added) {
    return new ObservedNode(ordinal, "net-" + ordinal, true, "10.213.9." + (10 + ordinal), "dns",
        new NodeObservation(height, "hash" + height, List.of(), List.of(added)), null);
  }

  static NetworkObservation observed(ObservedNode... nodes) {
    return new NetworkObservation(List.of(nodes), null, List.of());
  }

  static NetworkPlan plan(BitcoinNetworkSpec spec, NetworkObservation observation, NetworkMemory memory,
      boolean notified, Instant now) {
    return new NetworkPlanner(spec, P2P, notified).plan(observation, new BitcoinNetworkStatus(), Set.of(A, B, C),
        memory, now);
  }

  @Test
  void freshNodesAreMeshedAndLookedAtAgainSoon() {
    NetworkPlan plan = plan(spec(3, null), observed(node(0, 0), node(1, 0), node(2, 0)), NetworkMemory.EMPTY,
        true, T0);

    assertThat(plan.mesh().get(0).add()).containsExactly(B, C);
    assertThat(plan.mesh().get(2).add()).containsExactly(A, B);
    assertThat(plan.relays()).isEmpty();
    assertThat(plan.mining()).isEmpty();
    assertThat(plan.observeAgain()).isEqualTo(NetworkPlanner.CONVERGING);
  }

  @Test
  void whatTheOperatorAddedBeforeCountsAsOnTheListForTheSamePodIp() {
    BitcoinNetworkStatus previous = new BitcoinNetworkStatus();
    NodeStatus before = new NodeStatus();
    before.setOrdinal(0);
    before.setIp("10.213.9.10");
    before.setAddedNodes(new ArrayList<>(List.of(B)));
    previous.setNodes(List.of(before));

    NetworkPlan plan = new NetworkPlanner(spec(2, null), P2P, true).plan(observed(node(0, 5), node(1, 5, A)),
        previous, Set.of(A, B), NetworkMemory.EMPTY, T0);

    assertThat(plan.known().get(0)).containsExactly(B);
    assertThat(plan.mesh().values()).allSatisfy(c -> assertThat(c.isEmpty()).isTrue());
  }

  @Test
  void anIdleMeshedNetworkIsLookedAtRarelyAndMoreRarelyWhenItsNodesAnnounceBlocks() {
    NetworkObservation idle = observed(node(0, 7, B), node(1, 7, A));

    assertThat(plan(spec(2, null), idle, NetworkMemory.EMPTY, true, T0).observeAgain())
        .isEqualTo(NetworkPlanner.IDLE_NOTIFIED);
    assertThat(plan(spec(2, null), idle, NetworkMemory.EMPTY, false, T0).observeAgain())
        .isEqualTo(NetworkPlanner.IDLE_POLLED);
    assertThat(NetworkPlanner.IDLE_NOTIFIED).isGreaterThan(NetworkPlanner.IDLE_POLLED);
  }

  @Test
  void aNodeStillStartingIsWaitedForByItsPodsEventWithALongerSafetyNet() {
    NetworkPlan plan = plan(spec(3, null), observed(node(0, 7, B), node(1, 7, A)), NetworkMemory.EMPTY, true, T0);

    assertThat(plan.observeAgain()).isEqualTo(NetworkPlanner.WAITING_FOR_PODS);
    assertThat(NetworkPlanner.WAITING_FOR_PODS).isGreaterThan(NetworkPlanner.CONVERGING)
        .isLessThanOrEqualTo(NetworkPlanner.IDLE_POLLED);
  }

  @Test
  void readyNodesToMeshKeepTheNetworkConvergingWhileAnotherStarts() {
    NetworkPlan plan = plan(spec(3, null), observed(node(0, 0), node(1, 0)), NetworkMemory.EMPTY, true, T0);

    assertThat(plan.mesh().get(0).add()).containsExactly(B);
    assertThat(plan.observeAgain()).isEqualTo(NetworkPlanner.CONVERGING);
  }

  @Test
  void aNodeBehindGetsBlocksByRpcOnlyAfterPeersHadTheirChance() {
    NetworkObservation lagging = observed(node(0, 10, B), node(1, 4, A));

    NetworkPlan first = plan(spec(2, null), lagging, NetworkMemory.EMPTY, true, T0);
    assertThat(first.relays()).isEmpty();
    assertThat(first.memory().behindSince()).containsEntry("net-1", T0);
    assertThat(first.observeAgain()).isEqualTo(NetworkPlanner.CONVERGING);

    NetworkPlan later = plan(spec(2, null), lagging, first.memory(), true, T0.plus(NetworkPlanner.BEHIND_BEFORE_RELAY));
    assertThat(later.relays()).containsExactly(new NetworkPlan.Relay(0, 1, 4, 10));

    NetworkPlan caughtUp = plan(spec(2, null), observed(node(0, 10, B), node(1, 10, A)), later.memory(), true,
        T0.plus(Duration.ofSeconds(5)));
    assertThat(caughtUp.relays()).isEmpty();
    assertThat(caughtUp.memory().behindSince()).isEmpty();
  }

  @Test
  void aRelayIsBatched() {
    NetworkObservation far = observed(node(0, 2000, B), node(1, 0, A));
    NetworkMemory behind = NetworkMemory.EMPTY.withBehindSince(Map.of("net-1", T0));

    NetworkPlan plan = plan(spec(2, null), far, behind, true, T0.plus(Duration.ofSeconds(10)));

    assertThat(plan.relays()).containsExactly(new NetworkPlan.Relay(0, 1, 0, NetworkPlanner.RELAY_BATCH));
  }

  @Test
  void initialBlocksAreMinedOnceEveryNodeAnswersAndOnlyWhatIsMissing() {
    MiningSpec mining = mining(101, null);

    assertThat(plan(spec(2, mining), observed(node(0, 0)), NetworkMemory.EMPTY, true, T0).mining()).isEmpty();
    NetworkPlan plan = plan(spec(2, mining), observed(node(0, 40, B), node(1, 40, A)), NetworkMemory.EMPTY, true, T0);
    assertThat(plan.mining()).contains(new NetworkPlan.Mining(0, 61, true));
    assertThat(plan.observeAgain()).isEqualTo(NetworkPlanner.CONVERGING);
  }

  @Test
  void noMiningWhilePausedAfterAFailureNorOnAChainThatDoesNotMineOnDemand() {
    MiningSpec mining = mining(101, null);
    NetworkObservation fresh = observed(node(0, 0, B), node(1, 0, A));
    NetworkMemory paused = NetworkMemory.EMPTY.withMiningPausedUntil(T0.plusSeconds(10));

    assertThat(plan(spec(2, mining), fresh, paused, true, T0).mining()).isEmpty();
    assertThat(plan(spec(2, mining), fresh, paused, true, T0.plusSeconds(10)).mining()).isPresent();
    BitcoinNetworkSpec mainnet = spec(2, mining);
    mainnet.setChain(Chain.MAINNET);
    assertThat(plan(mainnet, fresh, NetworkMemory.EMPTY, true, T0).mining()).isEmpty();
  }

  @Test
  void intervalMiningStartsTheClockThenMinesOnePerIntervalAndWakesForIt() {
    MiningSpec mining = mining(0, "30s");
    NetworkObservation idle = observed(node(0, 7, B), node(1, 7, A));

    NetworkPlan start = plan(spec(2, mining), idle, NetworkMemory.EMPTY, true, T0);
    assertThat(start.mining()).isEmpty();
    assertThat(start.memory().lastIntervalBlock()).isEqualTo(T0);
    assertThat(start.observeAgain()).isEqualTo(Duration.ofSeconds(30));

    NetworkPlan early = plan(spec(2, mining), idle, start.memory(), true, T0.plusSeconds(20));
    assertThat(early.mining()).isEmpty();
    assertThat(early.observeAgain()).isEqualTo(Duration.ofSeconds(10));

    NetworkPlan due = plan(spec(2, mining), idle, start.memory(), true, T0.plusSeconds(30));
    assertThat(due.mining()).contains(new NetworkPlan.Mining(0, 1, false));
    assertThat(due.memory().lastIntervalBlock()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void anUnreadableIntervalIsAProblemNotAnAction() {
    NetworkPlan plan = plan(spec(2, mining(0, "soon")), observed(node(0, 7, B), node(1, 7, A)),
        NetworkMemory.EMPTY, true, T0);

    assertThat(plan.mining()).isEmpty();
    assertThat(plan.miningProblem()).hasValueSatisfying(p -> assertThat(p).contains("soon"));
  }
}
