package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.NetworkConditionType;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.NodeStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkConditionsTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");
  static final long GENERATION = 7;

  /** A node with the given added-node list; ips are 10.0.0.1{ordinal}. */
  static NodeStatus node(int ordinal, boolean ready, Long height, String... added) {
    NodeStatus node = new NodeStatus();
    node.setOrdinal(ordinal);
    node.setPod("net-" + ordinal);
    node.setReady(ready);
    node.setIp(ip(ordinal));
    node.setBlockHeight(height);
    node.setAddedNodes(new ArrayList<>(List.of(added)));
    return node;
  }

  static String ip(int ordinal) {
    return "10.0.0.1" + ordinal;
  }

  static String p2p(int ordinal) {
    return ip(ordinal) + ":18444";
  }

  static BitcoinNetworkStatus status(NodeStatus... nodes) {
    BitcoinNetworkStatus status = new BitcoinNetworkStatus();
    status.setNodes(List.of(nodes));
    status.setReplicas(nodes.length);
    status.setReadyReplicas((int) List.of(nodes).stream().filter(n -> Boolean.TRUE.equals(n.getReady())).count());
    return status;
  }

  /** Three ready nodes, each with the other two added, all at {@code height}. */
  static BitcoinNetworkStatus healthy(long height) {
    return status(node(0, true, height, p2p(1), p2p(2)), node(1, true, height, p2p(0), p2p(2)),
        node(2, true, height, p2p(0), p2p(1)));
  }

  static List<Condition> compute(BitcoinNetworkStatus status, int desired, List<String> unreachable,
      List<Condition> previous, Instant now) {
    return NetworkConditions.compute(status, desired, unreachable, List.of(), Set.of(), GENERATION, previous, now);
  }

  static Condition get(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void aHealthyNetworkIsReadyMeshedAndSynced() {
    List<Condition> conditions = compute(healthy(101), 3, List.of(), List.of(), T0);

    assertThat(conditions).extracting(Condition::getType)
        .containsExactly(NetworkConditionType.READY.type(), NetworkConditionType.MESHED.type(), NetworkConditionType.SYNCED.type());
    assertThat(conditions).allSatisfy(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getObservedGeneration()).isEqualTo(GENERATION);
      assertThat(c.getLastTransitionTime()).isEqualTo(T0.toString());
    });
    Condition ready = get(conditions, "Ready");
    assertThat(ready.getReason()).isEqualTo("AllNodesReady");
    assertThat(ready.getMessage()).isEqualTo("3 of 3 nodes are ready");
    Condition meshed = get(conditions, "Meshed");
    assertThat(meshed.getReason()).isEqualTo("AllNodesAdded");
    assertThat(meshed.getMessage()).isEqualTo("every ready node has every other ready node on its added-node list");
    Condition synced = get(conditions, "Synced");
    assertThat(synced.getReason()).isEqualTo("SameTip");
    assertThat(synced.getMessage()).isEqualTo("all ready nodes are at height 101");
  }

  @Test
  void notAllNodesReadyIsReadyFalseAndSaysHowMany() {
    BitcoinNetworkStatus status = status(node(0, true, 5L, p2p(1)), node(1, true, 5L, p2p(0)),
        node(2, false, null));

    Condition ready = get(compute(status, 3, List.of(), List.of(), T0), "Ready");

    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("NodesNotReady");
    assertThat(ready.getMessage()).startsWith("2 of 3 nodes are ready").contains("kubectl describe pod");
  }

  @Test
  void podsNotYetCreatedCountAgainstTheDesiredReplicas() {
    Condition ready = get(compute(status(node(0, true, 0L)), 3, List.of(), List.of(), T0), "Ready");

    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).startsWith("1 of 3 nodes are ready");
  }

  @Test
  void aNodeThatIsNotReadyNeedNotBeOnTheLists() {
    BitcoinNetworkStatus status = status(node(0, true, 5L, p2p(1)), node(1, true, 5L, p2p(0)),
        node(2, false, null));

    List<Condition> conditions = compute(status, 3, List.of(), List.of(), T0);

    assertThat(get(conditions, "Meshed").getStatus()).isEqualTo("True");
    assertThat(get(conditions, "Synced").getStatus()).isEqualTo("True");
  }

  @Test
  void meshedFalseNamesWhichNodeLacksWhich() {
    BitcoinNetworkStatus status = status(node(0, true, 5L, p2p(1)), node(1, true, 5L, p2p(0), p2p(2)),
        node(2, true, 5L, p2p(0), p2p(1)));

    Condition meshed = get(compute(status, 3, List.of(), List.of(), T0), "Meshed");

    assertThat(meshed.getStatus()).isEqualTo("False");
    assertThat(meshed.getReason()).isEqualTo("MeshIncomplete");
    assertThat(meshed.getMessage()).isEqualTo("not yet on the added-node lists: net-0 lacks net-2");
  }

  @Test
  void meshedFalseListsEveryMissingPair() {
    BitcoinNetworkStatus status = status(node(0, true, 0L), node(1, true, 0L, p2p(0)));

    Condition meshed = get(compute(status, 2, List.of(), List.of(), T0), "Meshed");

    assertThat(meshed.getStatus()).isEqualTo("False");
    assertThat(meshed.getMessage()).contains("net-0 lacks net-1").doesNotContain("net-1 lacks");
  }

  @Test
  void anAddressWithTheSameIpPrefixIsNotMistakenForTheNode() {
    // 10.0.0.1 is a prefix of 10.0.0.10, the address net-0 has; net-1 is 10.0.0.1 here.
    NodeStatus a = node(0, true, 5L, "10.0.0.10:18444");
    NodeStatus b = node(1, true, 5L, p2p(0));
    b.setIp("10.0.0.1");

    Condition meshed = get(compute(status(a, b), 2, List.of(), List.of(), T0), "Meshed");

    assertThat(meshed.getStatus()).isEqualTo("False");
    assertThat(meshed.getMessage()).contains("net-0 lacks net-1");
  }

  @Test
  void anUnreachableNodeMakesMeshedFalseWithTheRpcError() {
    BitcoinNetworkStatus status = healthy(5);
    status.getNodes().get(1).setBlockHeight(null);

    List<Condition> conditions = compute(status, 3, List.of("net-1: connection refused"), List.of(), T0);

    Condition meshed = get(conditions, "Meshed");
    assertThat(meshed.getStatus()).isEqualTo("False");
    assertThat(meshed.getReason()).isEqualTo("NodeUnreachable");
    assertThat(meshed.getMessage()).isEqualTo("RPC did not answer: net-1: connection refused");
    assertThat(get(conditions, "Synced").getStatus()).isEqualTo("False");
    assertThat(get(conditions, "Synced").getReason()).isEqualTo("NodeUnreachable");
    assertThat(get(conditions, "Synced").getMessage()).startsWith("cannot compare tips: ");
  }

  @Test
  void severalUnreachableNodesAreAllNamed() {
    List<Condition> conditions = compute(healthy(5), 3, List.of("net-0: timed out", "net-2: refused"),
        List.of(), T0);

    assertThat(get(conditions, "Meshed").getMessage())
        .isEqualTo("RPC did not answer: net-0: timed out; net-2: refused");
  }

  @Test
  void differentTipsMakeSyncedFalseWithEveryHeight() {
    BitcoinNetworkStatus status = healthy(101);
    status.getNodes().get(1).setBlockHeight(99L);

    Condition synced = get(compute(status, 3, List.of(), List.of(), T0), "Synced");

    assertThat(synced.getStatus()).isEqualTo("False");
    assertThat(synced.getReason()).isEqualTo("DifferentTips");
    assertThat(synced.getMessage())
        .isEqualTo("ready nodes are at different heights: net-0=101, net-1=99, net-2=101");
  }

  @Test
  void noReadyNodeIsNotSynced() {
    List<Condition> conditions = compute(status(node(0, false, null), node(1, false, null)), 2, List.of(),
        List.of(), T0);

    Condition synced = get(conditions, "Synced");
    assertThat(synced.getStatus()).isEqualTo("False");
    assertThat(synced.getReason()).isEqualTo("NoReadyNodes");
    assertThat(synced.getMessage()).isEqualTo("no node is ready yet");
    assertThat(get(conditions, "Ready").getMessage()).startsWith("0 of 2 nodes are ready");
    Condition meshed = get(conditions, "Meshed");
    assertThat(meshed.getStatus()).isEqualTo("False");
    assertThat(meshed.getReason()).isEqualTo("NoReadyNodes");
    assertThat(meshed.getMessage()).isEqualTo("no node is ready yet");
  }

  @Test
  void lastTransitionTimeIsKeptWhileTheStatusStaysTheSame() {
    List<Condition> first = compute(healthy(101), 3, List.of(), List.of(), T0);

    List<Condition> second = compute(healthy(102), 3, List.of(), first, T1);

    assertThat(second).allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo(T0.toString()));
    assertThat(get(second, "Synced").getMessage()).isEqualTo("all ready nodes are at height 102");
  }

  @Test
  void lastTransitionTimeMovesWhenTheStatusFlips() {
    List<Condition> first = compute(healthy(101), 3, List.of(), List.of(), T0);
    BitcoinNetworkStatus behind = healthy(101);
    behind.getNodes().get(2).setBlockHeight(100L);

    List<Condition> second = compute(behind, 3, List.of(), first, T1);

    assertThat(get(second, "Synced").getStatus()).isEqualTo("False");
    assertThat(get(second, "Synced").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(get(second, "Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(get(second, "Meshed").getLastTransitionTime()).isEqualTo(T0.toString());

    List<Condition> third = compute(healthy(102), 3, List.of(), second, Instant.parse("2026-01-01T10:06:00Z"));

    assertThat(get(third, "Synced").getStatus()).isEqualTo("True");
    assertThat(get(third, "Synced").getLastTransitionTime()).isEqualTo("2026-01-01T10:06:00Z");
  }

  @Test
  void aNewReasonWithTheSameStatusKeepsTheTransitionTime() {
    // Synced False for "no node is ready", then False for "different tips": no transition.
    List<Condition> first = compute(status(node(0, false, null), node(1, false, null)), 2, List.of(), List.of(), T0);
    BitcoinNetworkStatus tips = status(node(0, true, 3L, p2p(1)), node(1, true, 4L, p2p(0)));

    Condition synced = get(compute(tips, 2, List.of(), first, T1), "Synced");

    assertThat(synced.getReason()).isEqualTo("DifferentTips");
    assertThat(synced.getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void observedGenerationIsTheOneGiven() {
    List<Condition> conditions = NetworkConditions.compute(healthy(1), 3, List.of(), List.of(), Set.of(), 42, List.of(), T0);

    assertThat(conditions).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(42L));
  }

  @Test
  void aPodWhoseImageIsMissingMakesReadyFalseWithTheImageNamed() {
    BitcoinNetworkStatus oneOfTwo = status(node(0, true, 1L), node(1, false, null));
    String problem = "regtest-1: image \"example/btcd:nope\" is not available (ImagePullBackOff); set spec.image "
        + "to an image the nodes can pull, or load it onto them";

    Condition ready = get(NetworkConditions.compute(oneOfTwo, 2, List.of(), List.of(problem), Set.of(), GENERATION, List.of(),
        T0), "Ready");

    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ImageUnavailable");
    assertThat(ready.getMessage()).contains("1 of 2 nodes are ready").contains("example/btcd:nope")
        .contains("ImagePullBackOff");
  }

  @Test
  void aBtcdRegtestNetworkWithStorageIsToldItsChainIsWipedAtEachStartAndNoOtherIs() {
    io.blockyard.api.bitcoin.BitcoinNetworkSpec spec = new io.blockyard.api.bitcoin.BitcoinNetworkSpec();
    spec.setStorage(new io.blockyard.api.bitcoin.StorageSpec());
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    assertThat(NetworkConditions.chainKept(spec, 1, List.of(), now)).hasValueSatisfying(c -> {
      assertThat(c.getType()).isEqualTo("ChainKept");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("RegtestWipedAtStart");
      assertThat(c.getMessage()).contains("use spec.chain: simnet");
    });
    spec.setChain(io.blockyard.api.bitcoin.Chain.SIMNET);
    assertThat(NetworkConditions.chainKept(spec, 1, List.of(), now)).isEmpty();
    spec.setChain(io.blockyard.api.bitcoin.Chain.REGTEST);
    spec.setImplementation(io.blockyard.api.bitcoin.Implementation.BITCOIND);
    assertThat(NetworkConditions.chainKept(spec, 1, List.of(), now)).isEmpty();
    spec.setImplementation(io.blockyard.api.bitcoin.Implementation.BTCD);
    spec.setStorage(null);
    assertThat(NetworkConditions.chainKept(spec, 1, List.of(), now)).isEmpty();
  }

  @Test
  void blocksAreRelayedByRpcOnRegtestOnly() {
    assertThat(BlockRelay.needed(io.blockyard.api.bitcoin.Chain.REGTEST)).isTrue();
    assertThat(BlockRelay.needed(io.blockyard.api.bitcoin.Chain.SIMNET)).isFalse();
    assertThat(BlockRelay.needed(io.blockyard.api.bitcoin.Chain.MAINNET)).isFalse();
  }

  @Test
  void aSyncedNetworkStaysSyncedWhileANodeCatchesUpWithANewBlock() {
    List<Condition> before = compute(healthy(103), 3, List.of(), List.of(), T0);
    BitcoinNetworkStatus newBlock = status(node(0, true, 104L, p2p(1), p2p(2)), node(1, true, 104L, p2p(0), p2p(2)),
        node(2, true, 103L, p2p(0), p2p(1)));

    Condition catchingUp = get(NetworkConditions.compute(newBlock, 3, List.of(), List.of(), Set.of("net-2"),
        GENERATION, before, T1), "Synced");
    assertThat(catchingUp).as("the block is on its way to net-2: no DifferentTips warning")
        .isEqualTo(get(before, "Synced"));

    Condition behind = get(NetworkConditions.compute(newBlock, 3, List.of(), List.of(), Set.of(),
        GENERATION, before, T1), "Synced");
    assertThat(behind.getStatus()).as("behind for longer than peers take").isEqualTo("False");
    assertThat(behind.getReason()).isEqualTo("DifferentTips");
  }

  @Test
  void aNetworkNotYetSyncedIsNotCalledSyncedWhileANodeCatchesUp() {
    BitcoinNetworkStatus syncing = status(node(0, true, 101L, p2p(1), p2p(2)), node(1, true, 0L, p2p(0), p2p(2)),
        node(2, true, 101L, p2p(0), p2p(1)));

    Condition synced = get(NetworkConditions.compute(syncing, 3, List.of(), List.of(), Set.of("net-1"),
        GENERATION, List.of(), T0), "Synced");
    assertThat(synced.getStatus()).isEqualTo("False");
    assertThat(synced.getReason()).isEqualTo("DifferentTips");
  }
}
