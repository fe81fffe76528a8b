package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Computes a pod's status from what the kubelet observed: a pure function, unit-tested without a cluster. */
final class KubeletPodStatus {
  private KubeletPodStatus() {}

  /** What the kubelet knows about a pod at one moment. */
  record Observed(String podIp, String hostIp, Instant startTime, boolean sandboxReady, String waitingReason,
      String waitingMessage, boolean initDone, List<ContainerStatus> initContainers,
      List<ContainerStatus> containers) {}

  static PodStatus compute(Pod pod, Observed o, Instant now) {
    PodStatus previous = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    String phase = phase(o);
    boolean allReady = !o.containers().isEmpty() && o.containers().stream().allMatch(ContainerStatus::getReady);
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(previous, "PodReadyToStartContainers", o.sandboxReady(), null, null, now));
    conditions.add(condition(previous, "Initialized", o.initDone(), o.initDone() ? null : "ContainersNotInitialized",
        o.initDone() ? null : "containers with incomplete status: " + names(o.initContainers(), false), now));
    String notReady = names(o.containers(), true);
    conditions.add(condition(previous, "Ready", allReady, allReady ? null : "ContainersNotReady",
        allReady ? null : "containers with unready status: " + notReady, now));
    conditions.add(condition(previous, "ContainersReady", allReady, allReady ? null : "ContainersNotReady",
        allReady ? null : "containers with unready status: " + notReady, now));
    conditions.add(condition(previous, "PodScheduled", true, null, null, now));
    PodStatus status = new PodStatus();
    status.setPhase(phase);
    status.setConditions(conditions);
    status.setHostIP(o.hostIp());
    status.setStartTime(o.startTime() == null ? null : o.startTime().toString());
    if (o.podIp() != null) {
      status.setPodIP(o.podIp());
      status.setPodIPs(List.of(new PodIP(o.podIp())));
    }
    status.setInitContainerStatuses(o.initContainers());
    status.setContainerStatuses(o.containers());
    if (o.waitingReason() != null) {
      status.setReason(o.waitingReason());
      status.setMessage(o.waitingMessage());
    }
    return status;
  }

  static String phase(Observed o) {
    if (!o.initDone()) {
      boolean initFailed = o.initContainers().stream().anyMatch(c -> c.getState().getTerminated() != null
          && c.getState().getTerminated().getExitCode() != 0);
      return initFailed ? "Failed" : "Pending";
    }
    boolean anyNeverStarted = o.containers().stream()
        .anyMatch(c -> c.getState().getWaiting() != null && c.getLastState().getTerminated() == null);
    if (o.containers().isEmpty() || anyNeverStarted) {
      return "Pending";
    }
    boolean allTerminated = o.containers().stream().allMatch(c -> c.getState().getTerminated() != null);
    if (allTerminated) {
      boolean allSucceeded = o.containers().stream().allMatch(c -> c.getState().getTerminated().getExitCode() == 0);
      return allSucceeded ? "Succeeded" : "Failed";
    }
    return "Running";
  }

  private static String names(List<ContainerStatus> statuses, boolean unready) {
    List<String> names = new ArrayList<>();
    for (ContainerStatus s : statuses) {
      boolean incomplete = unready ? !s.getReady() : s.getState().getTerminated() == null;
      if (incomplete) {
        names.add(s.getName());
      }
    }
    return "[" + String.join(" ", names) + "]";
  }

  private static PodCondition condition(PodStatus previous, String type, boolean value, String reason,
      String message, Instant now) {
    String status = value ? "True" : "False";
    String transition = now.toString();
    if (previous.getConditions() != null) {
      for (PodCondition c : previous.getConditions()) {
        if (c.getType().equals(type) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
          transition = c.getLastTransitionTime();
        }
      }
    }
    return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastTransitionTime(transition).build();
  }
}
