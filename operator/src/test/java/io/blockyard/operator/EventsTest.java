package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.operator.Events.Transition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventsTest {
  static final Events.ConditionKinds BLOCKED_CLEARS = new Events.ConditionKinds(Map.of("Blocked", "Unblocked"),
      Set.of("Routable"));

  static Condition condition(String type, String status, String reason, String message) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message).build();
  }

  @Test
  void aProblemThatClearsIsANormalEventThatSaysWhatWasResolved() {
    List<Transition> events = Events.transitions(
        List.of(condition("Blocked", "True", "NodeNotReady", "waiting for LightningNode bob to be ready")),
        List.of(condition("Blocked", "False", "NotBlocked", "nothing is in the way")), BLOCKED_CLEARS);
    assertThat(events).containsExactly(new Transition("Normal", "Unblocked",
        "no longer blocked: NodeNotReady is resolved (it was: waiting for LightningNode bob to be ready)"));
  }

  @Test
  void aProblemThatAppearsIsAWarningAndOneThatWasNeverThereSaysNothing() {
    assertThat(Events.transitions(List.of(),
        List.of(condition("Blocked", "False", "NotBlocked", "nothing is in the way")), BLOCKED_CLEARS)).isEmpty();
    assertThat(Events.transitions(List.of(condition("Blocked", "False", "NotBlocked", "nothing is in the way")),
        List.of(condition("Blocked", "True", "InsufficientFunds", "send coins")), BLOCKED_CLEARS))
        .containsExactly(new Transition("Warning", "Blocked:InsufficientFunds", "send coins"));
  }

  @Test
  void otherConditionsAreNormalWhenTheyBecomeTrueAndWarningsOtherwise() {
    List<Condition> notReady = List.of(condition("Ready", "False", "PeerOffline", "bob is offline"));
    List<Condition> ready = List.of(condition("Ready", "True", "ChannelActive", "active"));
    assertThat(Events.transitions(notReady, ready, BLOCKED_CLEARS))
        .containsExactly(new Transition("Normal", "Ready:ChannelActive", "active"));
    assertThat(Events.transitions(ready, notReady, BLOCKED_CLEARS))
        .containsExactly(new Transition("Warning", "Ready:PeerOffline", "bob is offline"));
    assertThat(Events.transitions(ready, ready, BLOCKED_CLEARS)).isEmpty();
  }

  @Test
  void progressTowardsAConditionIsNormalAndANewCountIsNoEvent() {
    List<Condition> shallow = List.of(condition("Routable", "False", "AwaitingConfirmations", "2 of 6"));
    List<Condition> announcing = List.of(condition("Routable", "False", "AwaitingAnnouncement", "deep enough"));
    assertThat(Events.transitions(shallow, announcing, BLOCKED_CLEARS))
        .containsExactly(new Transition("Normal", "Routable:AwaitingAnnouncement", "deep enough"));
    assertThat(Events.transitions(shallow, List.of(condition("Routable", "False", "AwaitingConfirmations", "3 of 6")),
        BLOCKED_CLEARS)).isEmpty();
  }

  @Test
  void aNewResourceStartingIsNormalButOneThatLosesWhatItHadWarns() {
    Events.ConditionKinds kinds = Events.ConditionKinds.NONE.starting(Set.of("NodesNotReady", "NoReadyNodes"));
    List<Condition> starting = List.of(condition("Ready", "False", "NodesNotReady", "0 of 3 nodes are ready"));
    List<Condition> ready = List.of(condition("Ready", "True", "AllNodesReady", "3 of 3 nodes are ready"));
    List<Condition> failing = List.of(condition("Ready", "False", "PodsFailing", "pod x: CrashLoopBackOff"));
    assertThat(Events.transitions(List.of(), starting, kinds))
        .containsExactly(new Transition("Normal", "Ready:NodesNotReady", "0 of 3 nodes are ready"));
    assertThat(Events.transitions(List.of(), failing, kinds)).as("a problem from the start is still a problem")
        .containsExactly(new Transition("Warning", "Ready:PodsFailing", "pod x: CrashLoopBackOff"));
    assertThat(Events.transitions(ready, starting, kinds)).as("nodes that were ready and went")
        .containsExactly(new Transition("Warning", "Ready:NodesNotReady", "0 of 3 nodes are ready"));
    assertThat(Events.transitions(failing, starting, kinds))
        .containsExactly(new Transition("Warning", "Ready:NodesNotReady", "0 of 3 nodes are ready"));
  }
}
