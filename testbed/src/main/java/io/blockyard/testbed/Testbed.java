package io.blockyard.testbed;

import io.blockyard.testbed.controlplane.ControlPlane;
import io.blockyard.testbed.kubelet.ImageTable;
import io.blockyard.testbed.kubelet.ProcessKubelet;
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
 * The whole test bed: a local control plane and a process kubelet on one host, started and stopped together.
 * Tests and the playground use it the same way.
 */
public final class Testbed implements AutoCloseable {
  /**
   * @param name short name: the node is called {@code name}, and every network device and namespace starts with
   *     it (at most 6 characters)
   * @param podCidr a /24 for pod addresses
   * @param imageTable an optional file with extra image rules, tried before the built-in ones
   */
  public record Options(Path dir, String name, String podCidr, String serviceCidr, int etcdClientPort,
      int etcdPeerPort, int apiServerPort, Path imageTable) {
    /** Free loopback ports and a state directory, for a test. */
    public static Options forTest(Path dir, String name, String podCidr) {
      return new Options(dir, name, podCidr, "10.96.0.0/16", Ports.free(), Ports.free(), Ports.free(), null);
    }
  }

  private final Options options;
  private final Programs programs;
  private ControlPlane controlPlane;
  private ProcessKubelet kubelet;
  private KubernetesClient client;

  private Testbed(Options options, Programs programs) {
    this.options = options;
    this.programs = programs;
  }

  public static Testbed start(Options options) {
    Programs programs = Programs.locate().ensure("etcd", "kubernetes", "btcd", "lnd", "bcoin",
        "bitcoind-on-bcoin");
    Testbed testbed = new Testbed(options, programs);
    Runtime.getRuntime().addShutdownHook(new Thread(testbed::close, "testbed-shutdown"));
    try {
      // Assigned before starting, so that a shutdown during start-up still stops what did start.
      testbed.controlPlane = new ControlPlane(new ControlPlane.Config(options.dir().resolve("control-plane"),
          options.etcdClientPort(), options.etcdPeerPort(), options.apiServerPort(), options.serviceCidr()));
      testbed.controlPlane.start(programs);
      testbed.client = clientFor(testbed.controlPlane.kubeconfig());
      testbed.awaitDefaultServiceAccount();
      testbed.kubelet = new ProcessKubelet(testbed.client, new ProcessKubelet.Config(options.name(),
          options.dir().resolve("kubelet"), options.name(), options.podCidr(), testbed.imageTable()));
      testbed.kubelet.start();
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

  /** The built-in image rules: the pinned node programs, and a plain shell for small test pods. */
  public ImageTable imageTable() {
    List<ImageTable.Rule> rules = new ArrayList<>();
    if (options.imageTable() != null) {
      rules.addAll(ImageTable.parse(options.imageTable()));
    }
    // Bitcoin Core images run bcoin behind Core's bitcoind and bitcoin-cli (testbed/tools/bitcoind-on-bcoin/).
    rules.add(new ImageTable.Rule("*bitcoin/bitcoin*", programs.dir("bitcoind-on-bcoin"), "bitcoind"));
    rules.add(new ImageTable.Rule("*lnd*", programs.dir("lnd"), "lnd"));
    rules.add(new ImageTable.Rule("*btcd*", programs.dir("btcd"), "btcd"));
    rules.add(new ImageTable.Rule("*bcoin*", programs.dir("bcoin"), "bcoin"));
    rules.add(new ImageTable.Rule("*busybox*", Path.of("/usr/bin"), "sh"));
    return new ImageTable(rules);
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

  public ProcessKubelet kubelet() {
    return kubelet;
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

  @Override
  public synchronized void close() {
    if (kubelet != null) {
      kubelet.close();
      kubelet = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
    if (controlPlane != null) {
      controlPlane.close();
      controlPlane = null;
    }
  }
}
