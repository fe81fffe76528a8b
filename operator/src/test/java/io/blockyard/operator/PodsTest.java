package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodsTest {
  static Pod waiting(String reason, String message) {
    return new PodBuilder().withNewMetadata().withName("regtest-1").endMetadata().withNewStatus()
        .addNewContainerStatus().withName("node").withImage("example/btcd:nope").withNewState().withNewWaiting()
        .withReason(reason).withMessage(message).endWaiting().endState().endContainerStatus().endStatus().build();
  }

  @Test
  void aMissingImageIsNamedWithTheKubeletsReasonAndWhatToDo() {
    assertThat(Pods.problem(waiting("ImagePullBackOff", "Back-off pulling image"))).hasValue(
        "regtest-1: image \"example/btcd:nope\" is not available (ImagePullBackOff); set spec.image to an image "
            + "the nodes can pull, or load it onto them");
    assertThat(Pods.problem(waiting("ErrImageNeverPull", "never pull"))).get().asString()
        .contains("ErrImageNeverPull");
  }

  @Test
  void aCrashLoopPointsAtThePreviousLogs() {
    assertThat(Pods.problem(waiting("CrashLoopBackOff", "back-off 10s"))).get().asString()
        .contains("keeps crashing").contains("kubectl logs --previous regtest-1");
  }

  @Test
  void aContainerThatIsMerelyStartingIsNoProblem() {
    assertThat(Pods.problem(waiting("ContainerCreating", null))).isEmpty();
    assertThat(Pods.problem(new PodBuilder().withNewMetadata().withName("x").endMetadata().build())).isEmpty();
  }

  @Test
  void theInitContainersMissingImageIsNamedToo() {
    Pod pod = new PodBuilder().withNewMetadata().withName("regtest-0").endMetadata().withNewStatus()
        .addNewInitContainerStatus().withName("config").withImage("example/btcd:nope").withNewState().withNewWaiting()
        .withReason("ErrImagePull").endWaiting().endState().endInitContainerStatus()
        .addNewContainerStatus().withName("node").withImage("example/btcd:nope").withNewState().withNewWaiting()
        .withReason("PodInitializing").endWaiting().endState().endContainerStatus().endStatus().build();
    assertThat(Pods.problem(pod)).get().asString().contains("image \"example/btcd:nope\" is not available (ErrImagePull)");
  }

  static Pod starting(String ip, boolean started, boolean ready) {
    return new PodBuilder().withNewMetadata().withName("regtest-0").withResourceVersion(ip + started + ready)
        .endMetadata().withNewStatus().withPodIP(ip).withPhase(ip == null ? "Pending" : "Running")
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .addNewContainerStatus().withName("node").withStarted(started).endContainerStatus().endStatus().build();
  }

  @Test
  void aPodUpdateWakesItsResourceOnlyWhenWhatTheReconcilersReadChanged() {
    Pod pending = starting(null, false, false);
    Pod withIp = starting("10.214.0.7", false, false);
    Pod started = starting("10.214.0.7", true, false);
    Pod ready = starting("10.214.0.7", true, true);
    assertThat(Pods.CHANGED_AS_READ.accept(withIp, pending)).as("an address").isTrue();
    assertThat(Pods.CHANGED_AS_READ.accept(started, withIp)).as("the kubelet's bookkeeping").isFalse();
    assertThat(Pods.CHANGED_AS_READ.accept(ready, started)).as("readiness").isTrue();
    assertThat(Pods.CHANGED_AS_READ.accept(started, ready)).as("readiness lost").isTrue();
    assertThat(Pods.CHANGED_AS_READ.accept(waiting("CrashLoopBackOff", "back-off"), waiting("ContainerCreating", null)))
        .as("a problem").isTrue();
    Pod going = new PodBuilder(ready).editMetadata().withDeletionTimestamp("2026-12-01T20:00:00Z").endMetadata().build();
    assertThat(Pods.CHANGED_AS_READ.accept(going, ready)).as("deletion").isTrue();
  }
}
