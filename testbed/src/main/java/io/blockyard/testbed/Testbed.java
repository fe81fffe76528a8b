package io.blockyard.testbed;

import io.blockyard.testbed.controlplane.ControlPlane;
import io.blockyard.testbed.node.CgroupRoot;
import io.blockyard.testbed.node.ClusterAddons;
import io.blockyard.testbed.node.KubernetesNode;
import io.blockyard.testbed.node.NodeAddresses;
import io.blockyard.testbed.node.NodeImages;
import io.blockyard.testbed.node.NodeNetwork;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole test bed: a local control plane and one real Kubernetes node (containerd, kubelet, kube-proxy in a
 * network namespace of their own) on one host, started and stopped together. Tests and the playground use it the
 * same way.
 */
public final class Testbed implements AutoCloseable {
  /**
   * @param name short name: the node is called {@code name}, and every network device and namespace starts with
   *     it (at most 6 characters)
   * @param range a /24 (or wider, up to a /16) the test bed takes every address from: pods, Services and the
   *     node's link
   */
  public record Options(Path dir, String name, String range, int etcdClientPort, int etcdPeerPort,
      int apiServerPort) {
    /** Free ports and a state directory, for a test. */
    public static Options forTest(Path dir, String name, String range) {
      return new Options(dir, name, range, Ports.free(), Ports.free(), Ports.free());
    }
  }

  private final Options options;
  private final Programs programs;
  private final NodeAddresses addresses;
  private final NodeNetwork network;
  private NodeImages images;
  private ControlPlane controlPlane;
  private KubernetesNode node;
  private ClusterAddons addons;
  private KubernetesClient client;

  private Testbed(Options options, Programs programs) {
    this.options = options;
    this.programs = programs;
    this.addresses = NodeAddresses.of(options.range());
    this.network = new NodeNetwork(options.name(), addresses);
  }

  public static Testbed start(Options options) {
    Programs programs = Programs.locate().ensure("etcd", "kubernetes", "local-path-provisioner", "kube-router");
    NodeImages images = NodeImages.build();
    Testbed testbed = new Testbed(options, programs);
    testbed.images = images;
    Runtime.getRuntime().addShutdownHook(new Thread(testbed::close, "testbed-shutdown"));
    try {
      testbed.network.create();
      // Assigned before starting, so that a shutdown during start-up still stops what did start.
      testbed.controlPlane = new ControlPlane(new ControlPlane.Config(options.dir().resolve("control-plane"),
          testbed.addresses.hostIp(), options.etcdClientPort(), options.etcdPeerPort(), options.apiServerPort(),
          testbed.addresses.serviceCidr(), testbed.addresses.kubernetesServiceIp()));
      testbed.controlPlane.start(programs);
      testbed.client = clientFor(testbed.controlPlane.kubeconfig());
      testbed.node = new KubernetesNode(new KubernetesNode.Config(options.dir().resolve("node"), options.name(),
          testbed.addresses, images.archives(), images.sandboxImage()), testbed.network);
      testbed.node.start(testbed.controlPlane, programs, testbed.client);
      testbed.addons = new ClusterAddons(options.dir().resolve("node"), testbed.addresses, images);
      testbed.addons.start(testbed.client, programs, testbed.controlPlane.kubeconfig(), () -> {
        testbed.controlPlane.checkHealthy();
        testbed.node.checkAlive();
      });
      testbed.awaitDefaultServiceAccount();
      return testbed;
    } catch (RuntimeException e) {
      testbed.close();
      throw e;
    }
  }

  /** Pods are refused until the controller manager has made the namespace's default ServiceAccount. */
  private void awaitDefaultServiceAccount() {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (client.serviceAccounts().inNamespace("default").withName("default").get() == null) {
      controlPlane.checkHealthy();
      if (System.nanoTime() > deadline) {
        throw new TestbedException("kube-controller-manager made no default ServiceAccount within 60 s; see "
            + controlPlane.log("kube-controller-manager"));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestbedException("interrupted while waiting for the controller manager");
      }
    }
  }

  public static KubernetesClient clientFor(Path kubeconfig) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  public KubernetesNode node() {
    return node;
  }

  /** The images imported into the node's containerd, by reference. */
  public NodeImages images() {
    return images;
  }

  public NodeAddresses addresses() {
    return addresses;
  }

  public Programs programs() {
    return programs;
  }

  public Path kubeconfig() {
    return controlPlane.kubeconfig();
  }

  public Options options() {
    return options;
  }

  /** Throws when a program of the control plane or the node has died. */
  public synchronized void checkHealthy() {
    if (controlPlane != null && node != null && addons != null) {
      controlPlane.checkHealthy();
      node.checkAlive();
      addons.checkAlive();
    }
  }

  /** What a test bed of this name and directory left on the host; empty after a clean teardown. */
  public static List<String> leftovers(String name, Path dir) {
    List<String> left = new ArrayList<>(NodeNetwork.leftovers(name));
    KubernetesNode.processesOf(dir, new CgroupRoot(name)).forEach(p -> left.add("process " + p));
    KubernetesNode.mountsUnder(dir).forEach(m -> left.add("mount " + m));
    new CgroupRoot(name).existing().forEach(c -> left.add("cgroup " + c));
    return left;
  }

  @Override
  public synchronized void close() {
    if (addons != null) {
      addons.close();
      addons = null;
    }
    if (node != null) {
      node.close();
      node = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
    if (controlPlane != null) {
      controlPlane.close();
      controlPlane = null;
    }
    network.delete();
  }
}
