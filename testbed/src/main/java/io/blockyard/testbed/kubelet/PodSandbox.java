package io.blockyard.testbed.kubelet;

import java.nio.file.Path;

/**
 * What the containers of one pod share: the network namespace and address, the host name, the user to run as, and
 * the directory that holds the pod's files (mount lists, hosts file, volumes, logs).
 */
record PodSandbox(String podKey, Path netns, String ip, String hostname, RunAs runAs, Path dir, Path logDir,
    Path entryScript) {

  /** The user a pod's processes run as; {@code null} fields mean root. */
  record RunAs(Long uid, Long gid, Long fsGroup) {
    static final RunAs ROOT = new RunAs(null, null, null);

    boolean isRoot() {
      return uid == null || uid == 0;
    }
  }
}
