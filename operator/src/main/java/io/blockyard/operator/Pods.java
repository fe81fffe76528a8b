package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the operator reads off a pod. */
public final class Pods {
  /** The kubelet's reasons for a container it cannot start because its image is not there. */
  static final Set<String> IMAGE_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull",
      "InvalidImageName");

  /**
   * Lets a pod's update wake its resource only when something the reconcilers read of it changed (see {@link #read}).
   * The kubelet writes a starting pod's status five or six times (scheduled, sandbox, container created, started,
   * ready); the passes woken by the others found nothing new.
   */
  public static final OnUpdateFilter<Pod> CHANGED_AS_READ = (newPod, oldPod) -> !read(newPod).equals(read(oldPod));

  private Pods() {}

  /** All the reconcilers read off a pod. */
  record Read(String ip, boolean ready, boolean deleted, Optional<String> problem) {}

  static Read read(Pod pod) {
    return new Read(pod.getStatus() == null ? null : pod.getStatus().getPodIP(), isReady(pod),
        pod.getMetadata().getDeletionTimestamp() != null, problem(pod));
  }

  /** The pod's Ready condition is True: for node pods, their RPC server answers. */
  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * Why a pod's container cannot run, in words a user can act on, when the kubelet says so: a missing image (named),
   * a crash loop, or a configuration it cannot build the container from.
   */
  public static Optional<String> problem(Pod pod) {
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus() != null) {
      // The init container (the credentials file) runs first, in the same image: its problems come first.
      if (pod.getStatus().getInitContainerStatuses() != null) {
        statuses.addAll(pod.getStatus().getInitContainerStatuses());
      }
      if (pod.getStatus().getContainerStatuses() != null) {
        statuses.addAll(pod.getStatus().getContainerStatuses());
      }
    }
    for (ContainerStatus c : statuses) {
      var waiting = c.getState() == null ? null : c.getState().getWaiting();
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      String pod0 = pod.getMetadata().getName();
      String reason = waiting.getReason();
      if (IMAGE_REASONS.contains(reason)) {
        return Optional.of(pod0 + ": image \"" + c.getImage() + "\" is not available (" + reason + "); set "
            + "spec.image to an image the nodes can pull, or load it onto them");
      }
      if (reason.equals("CrashLoopBackOff")) {
        return Optional.of(pod0 + ": container " + c.getName() + " keeps crashing (CrashLoopBackOff); see kubectl "
            + "logs --previous " + pod0);
      }
      if (reason.equals("CreateContainerConfigError") || reason.equals("CreateContainerError")) {
        return Optional.of(pod0 + ": container " + c.getName() + " cannot be created (" + reason + "): "
            + waiting.getMessage());
      }
    }
    return Optional.empty();
  }
}
