package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.Pod;

/** What the operator reads off a pod. */
public final class Pods {
  private Pods() {}

  /** The pod's Ready condition is True: for node pods, their RPC server answers. */
  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
