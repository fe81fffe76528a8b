package io.blockyard.testbed.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeletPodStatusTest {
  final Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().endSpec().build();
  final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  static ContainerStatus container(ContainerState state, boolean ready, ContainerState last) {
    return new ContainerStatusBuilder().withName("c").withReady(ready).withState(state)
        .withLastState(last == null ? new ContainerState() : last).build();
  }

  static ContainerState running() {
    return new ContainerStateBuilder().withNewRunning().withStartedAt("x").endRunning().build();
  }

  static ContainerState exited(int code) {
    return new ContainerStateBuilder().withNewTerminated().withExitCode(code).endTerminated().build();
  }

  KubeletPodStatus.Observed observed(List<ContainerStatus> containers) {
    return new KubeletPodStatus.Observed("10.0.0.2", "10.0.0.1", t0, true, null, null, true, List.of(), containers);
  }

  static String condition(PodStatus s, String type) {
    return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow().getStatus();
  }

  @Test
  void aRunningReadyContainerMakesARunningReadyPod() {
    PodStatus s = KubeletPodStatus.compute(pod, observed(List.of(container(running(), true, null))), t0);
    assertThat(s.getPhase()).isEqualTo("Running");
    assertThat(condition(s, "Ready")).isEqualTo("True");
    assertThat(condition(s, "ContainersReady")).isEqualTo("True");
    assertThat(s.getPodIP()).isEqualTo("10.0.0.2");
    assertThat(s.getPodIPs()).hasSize(1);
  }

  @Test
  void aContainerThatNeverStartedKeepsThePodPendingWithItsReason() {
    ContainerState pull = new ContainerStateBuilder().withNewWaiting().withReason("ErrImagePull").endWaiting().build();
    PodStatus s = KubeletPodStatus.compute(pod, observed(List.of(container(pull, false, null))), t0);
    assertThat(s.getPhase()).isEqualTo("Pending");
    assertThat(condition(s, "Ready")).isEqualTo("False");
  }

  @Test
  void aContainerInBackOffAfterACrashKeepsThePodRunning() {
    ContainerState backOff = new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff").endWaiting()
        .build();
    PodStatus s = KubeletPodStatus.compute(pod, observed(List.of(container(backOff, false, exited(3)))), t0);
    assertThat(s.getPhase()).isEqualTo("Running");
  }

  @Test
  void finishedContainersEndThePodSucceededOrFailed() {
    assertThat(KubeletPodStatus.phase(observed(List.of(container(exited(0), false, null))))).isEqualTo("Succeeded");
    assertThat(KubeletPodStatus.phase(observed(List.of(container(exited(0), false, null),
        container(exited(1), false, null))))).isEqualTo("Failed");
  }

  @Test
  void unchangedConditionsKeepTheirTransitionTime() {
    PodStatus first = KubeletPodStatus.compute(pod, observed(List.of(container(running(), true, null))), t0);
    Pod withStatus = new PodBuilder(pod).withStatus(first).build();
    PodStatus later = KubeletPodStatus.compute(withStatus, observed(List.of(container(running(), true, null))),
        t0.plusSeconds(60));
    PodCondition ready = later.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
        .orElseThrow();
    assertThat(ready.getLastTransitionTime()).isEqualTo(t0.toString());
    PodStatus notReady = KubeletPodStatus.compute(withStatus, observed(List.of(container(running(), false, null))),
        t0.plusSeconds(60));
    assertThat(notReady.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow()
        .getLastTransitionTime()).isEqualTo(t0.plusSeconds(60).toString());
  }
}
