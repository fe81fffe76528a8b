package io.blockyard.testbed.node;

import io.blockyard.testbed.Programs;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestbedException;
import io.blockyard.testbed.controlplane.ControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes node: containerd, the kubelet, kube-proxy and a NetworkPolicy engine in the node's network
 * namespace, in a cgroup of their own, with the images the project builds imported into containerd. Nothing is pulled
 * from a registry.
 */
public final class KubernetesNode implements AutoCloseable {
  /**
   * @param images image archives to import, each already named ({@code ctr images import} keeps their names)
   * @param sandboxImage the pause image every pod's sandbox runs, one of {@code images}
   */
  public record Config(Path dir, String name, NodeAddresses addresses, List<Path> images, String sandboxImage) {}

  private final Config config;
  private final NodeNetwork network;
  private final CgroupRoot cgroups;
  private Containerd containerd;
  private Kubelet kubelet;
  private KubeProxy kubeProxy;
  private NetworkPolicyEngine policyEngine;

  public KubernetesNode(Config config, NodeNetwork network) {
    this.config = config;
    this.network = network;
    this.cgroups = new CgroupRoot(config.name());
  }

  public void start(ControlPlane controlPlane, Programs programs, KubernetesClient admin) {
    try {
      Files.createDirectories(config.dir());
    } catch (IOException e) {
      throw new TestbedException("cannot create " + config.dir() + ": " + e.getMessage(), e);
    }
    cgroups.create();
    containerd = new Containerd(config.dir().resolve("containerd"), network, config.addresses(), config.sandboxImage());
    containerd.start();
    for (Path archive : config.images()) {
      containerd.importImage(archive);
    }
    Path kubeletKubeconfig = controlPlane.writeCertKubeconfig("kubelet",
        "/O=system:nodes/CN=system:node:" + config.name());
    Path servingCert = controlPlane.certificates().issueServer("kubelet-serving", "/CN=system:node:" + config.name(),
        List.of("IP:" + config.addresses().nodeIp(), "DNS:" + config.name()));
    kubelet = new Kubelet(new Kubelet.Config(config.dir().resolve("kubelet"), config.name(), config.addresses(),
        kubeletKubeconfig, controlPlane.caCert(), servingCert, controlPlane.certificates().file("kubelet-serving.key"),
        containerd.socket(), cgroups.path()), network);
    kubelet.start(programs);
    kubeProxy = new KubeProxy(config.dir().resolve("kube-proxy"), config.name(), config.addresses(),
        controlPlane.writeCertKubeconfig("kube-proxy", "/CN=system:kube-proxy"), network);
    kubeProxy.start(programs);
    awaitReady(admin);
    policyEngine = new NetworkPolicyEngine(config.dir().resolve("kube-router"), config.name(), config.addresses(),
        controlPlane.writeCertKubeconfig("kube-router", "/CN=" + NetworkPolicyEngine.USER), network);
    policyEngine.start(programs, admin);
  }

  private void awaitReady(KubernetesClient admin) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!isReady(admin.nodes().withName(config.name()).get())) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new TestbedException("node " + config.name() + " did not become Ready within 90 s; see "
            + kubelet.log());
      }
      sleep(200);
    }
  }

  private static boolean isReady(Node node) {
    return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  public void checkAlive() {
    containerd.checkAlive();
    kubelet.checkAlive();
    kubeProxy.checkAlive();
    if (policyEngine != null) {
      policyEngine.checkAlive();
    }
  }

  public String name() {
    return config.name();
  }

  public Containerd containerd() {
    return containerd;
  }

  /** Where the kubelet writes container logs ({@code <namespace>_<pod>_<uid>/<container>/<n>.log}). */
  public Path podLogsDir() {
    return kubelet.podLogsDir();
  }

  /**
   * Stops the node's programs, the pods' processes with them, and removes its mounts and cgroups. The network
   * namespace is the test bed's to remove (the API server listens on its link).
   */
  @Override
  public synchronized void close() {
    if (policyEngine != null) {
      policyEngine.close();
      policyEngine = null;
    }
    if (kubeProxy != null) {
      kubeProxy.close();
      kubeProxy = null;
    }
    if (kubelet != null) {
      kubelet.close();
      kubelet = null;
    }
    if (containerd != null) {
      containerd.close();
      containerd = null;
    }
    cgroups.delete();
    killShims(config.dir());
    unmountUnder(config.dir());
  }

  /** A shim whose containerd died before deleting its task still runs; it names its containerd's socket. */
  private static void killShims(Path dir) {
    String address = dir.resolve("containerd").toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("containerd-shim") && c.contains(address))
            .orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
  }

  /** Everything mounted under the node's directory (volumes, root filesystems, network namespaces), deepest first. */
  public static List<String> mountsUnder(Path dir) {
    String prefix = dir.toAbsolutePath().toString() + "/";
    List<String> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String mountPoint = line.split(" ")[4].replace("\\040", " ");
        if (mountPoint.startsWith(prefix)) {
          mounts.add(mountPoint);
        }
      }
    } catch (IOException e) {
      throw new TestbedException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    return mounts;
  }

  static void unmountUnder(Path dir) {
    for (int attempt = 0; attempt < 3; attempt++) {
      List<String> mounts = mountsUnder(dir);
      if (mounts.isEmpty()) {
        return;
      }
      for (String mount : mounts) {
        if (Shell.runAllowingFailure("umount", mount).exitCode() != 0) {
          Shell.runAllowingFailure("umount", "-l", mount);
        }
      }
    }
  }

  /** Processes the node left running: its own programs, shims and containers. Empty once closed. */
  public static List<String> processesOf(Path dir, CgroupRoot cgroups) {
    String path = dir.toAbsolutePath().toString();
    List<String> left = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(path)).orElse(false))
        .forEach(p -> left.add(p.pid() + " " + p.info().commandLine().orElse("?")));
    cgroups.processes().forEach(pid -> left.add(pid + " (in the node's cgroup)"));
    return left;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestbedException("interrupted while waiting for the node");
    }
  }
}
