package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshPlanTest {
  static final String A = "10.0.0.10:18444";
  static final String B = "10.0.0.11:18444";
  static final String C = "10.0.0.12:18444";
  static final String GONE = "10.0.0.99:18444";
  static final String EXTERNAL = "node1.example.com:8333";

  static final Map<Integer, String> THREE_READY = Map.of(0, A, 1, B, 2, C);
  /** Addresses of the network's pods, now and in the last status. */
  static final List<String> NETWORK = List.of(A, B, C, GONE);

  @Test
  void threeFreshNodesEachAddTheOtherTwo() {
    var plan = MeshPlan.plan(THREE_READY, Map.of(0, List.of(), 1, List.of(), 2, List.of()), List.of(), NETWORK);

    assertThat(plan).containsOnlyKeys(0, 1, 2);
    assertThat(plan.get(0).add()).containsExactly(B, C);
    assertThat(plan.get(1).add()).containsExactly(A, C);
    assertThat(plan.get(2).add()).containsExactly(A, B);
    assertThat(plan.values()).allSatisfy(changes -> assertThat(changes.remove()).isEmpty());
  }

  @Test
  void aNodeThatReportedNothingIsTreatedAsEmpty() {
    var plan = MeshPlan.plan(THREE_READY, Map.of(), List.of(), NETWORK);

    assertThat(plan.get(1).add()).containsExactly(A, C);
    assertThat(plan.get(1).remove()).isEmpty();
  }

  @Test
  void aCompleteMeshNeedsNoChanges() {
    var plan = MeshPlan.plan(THREE_READY, Map.of(0, List.of(B, C), 1, List.of(C, A), 2, List.of(A, B)), List.of(), NETWORK);

    assertThat(plan.values()).allMatch(MeshPlan.Changes::isEmpty);
  }

  @Test
  void aGoneNodesAddressIsRemoved() {
    var plan = MeshPlan.plan(THREE_READY,
        Map.of(0, List.of(B, C, GONE), 1, List.of(A, C), 2, List.of(A, B, GONE)), List.of(), NETWORK);

    assertThat(plan.get(0).add()).isEmpty();
    assertThat(plan.get(0).remove()).containsExactly(GONE);
    assertThat(plan.get(1).isEmpty()).isTrue();
    assertThat(plan.get(2).remove()).containsExactly(GONE);
  }

  @Test
  void aReplacedPodsOldAddressGoesAndItsNewOneComes() {
    String bNew = "10.0.0.21:18444";
    var plan = MeshPlan.plan(Map.of(0, A, 1, bNew, 2, C),
        Map.of(0, List.of(B, C), 1, List.of(), 2, List.of(A, B)), List.of(), NETWORK);

    assertThat(plan.get(0).add()).containsExactly(bNew);
    assertThat(plan.get(0).remove()).containsExactly(B);
    assertThat(plan.get(1).add()).containsExactly(A, C);
    assertThat(plan.get(2).add()).containsExactly(bNew);
    assertThat(plan.get(2).remove()).containsExactly(B);
  }

  @Test
  void anExternalPeerIsNeverRemovedNorAddedByThePlan() {
    var plan = MeshPlan.plan(THREE_READY,
        Map.of(0, List.of(B, C, EXTERNAL), 1, List.of(EXTERNAL), 2, List.of(A, B)), List.of(EXTERNAL), NETWORK);

    assertThat(plan.get(0).isEmpty()).isTrue();
    assertThat(plan.get(1).add()).containsExactly(A, C);
    assertThat(plan.get(1).remove()).isEmpty();
    // The nodes get external peers from their configuration file (addpeer/addnode), not from the plan.
    assertThat(plan.get(2).add()).doesNotContain(EXTERNAL);
    assertThat(plan.values()).allSatisfy(changes -> assertThat(changes.remove()).doesNotContain(EXTERNAL));
  }

  @Test
  void aNodeThatIsNotReadyIsNeitherAddedNorGivenChanges() {
    // net-2 exists but is not ready: it is not among the ready addresses.
    Map<Integer, String> ready = Map.of(0, A, 1, B);
    var plan = MeshPlan.plan(ready, Map.of(0, List.of(), 1, List.of(), 2, List.of()), List.of(), NETWORK);

    assertThat(plan).containsOnlyKeys(0, 1);
    assertThat(plan.get(0).add()).containsExactly(B);
    assertThat(plan.get(1).add()).containsExactly(A);
  }

  @Test
  void aNodeThatStoppedBeingReadyComesOffTheOthersLists() {
    var plan = MeshPlan.plan(Map.of(0, A, 1, B), Map.of(0, List.of(B, C), 1, List.of(A, C)), List.of(), NETWORK);

    assertThat(plan.get(0).remove()).containsExactly(C);
    assertThat(plan.get(1).remove()).containsExactly(C);
    assertThat(plan.get(0).add()).isEmpty();
  }

  @Test
  void aSingleNodeHasNothingToAdd() {
    var plan = MeshPlan.plan(Map.of(0, A), Map.of(0, List.of()), List.of(), NETWORK);

    assertThat(plan.get(0).isEmpty()).isTrue();
  }

  @Test
  void wantedIsEveryOtherReadyNodeInOrdinalOrder() {
    var ready = new java.util.LinkedHashMap<Integer, String>();
    ready.put(2, C);
    ready.put(0, A);
    ready.put(1, B);

    assertThat(MeshPlan.wanted(ready, 1)).containsExactly(A, C);
    assertThat(MeshPlan.wanted(ready, 5)).containsExactly(A, B, C);
  }

  @Test
  void anAddressThatNeverBelongedToTheNetworksPodsIsNeverRemoved() {
    // btcd lists an external peer given as a host name (spec.peers) under its resolved IP.
    String resolvedExternal = "192.0.2.7:8333";
    var plan = MeshPlan.plan(THREE_READY,
        Map.of(0, List.of(B, C, resolvedExternal), 1, List.of(A, C), 2, List.of(A, B)), List.of(EXTERNAL), NETWORK);
    assertThat(plan.get(0).remove()).isEmpty();
    assertThat(plan.get(0).add()).isEmpty();
  }
}
