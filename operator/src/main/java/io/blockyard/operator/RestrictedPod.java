package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The security settings of every pod the operator creates: what the "restricted" Pod Security Standard asks
 * (non-root, RuntimeDefault seccomp, no capabilities, no privilege escalation), and a read-only root. Pure.
 */
public final class RestrictedPod {
  /** kubectl exec and logs pick this container, not the init container, without a notice. */
  public static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

  private RestrictedPod() {}

  public static PodSecurityContext pod(long user) {
    return new PodSecurityContextBuilder().withRunAsUser(user).withRunAsGroup(user).withFsGroup(user)
        .withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
  }

  /** Every program writes only to its volumes (data, and the memory volumes below); the image stays read-only. */
  public static SecurityContext container() {
    return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true).withNewCapabilities().withDrop("ALL").endCapabilities().build();
  }

  /** A small volume in memory: for files with credentials (never on the node's disk) and for /tmp. */
  public static Volume memoryVolume(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().withMedium("Memory")
        .withSizeLimit(new Quantity("16Mi")).endEmptyDir().build();
  }
}
