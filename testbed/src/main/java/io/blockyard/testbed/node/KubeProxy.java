package io.blockyard.testbed.node;

import io.blockyard.testbed.HostProcess;
import io.blockyard.testbed.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * kube-proxy in iptables mode, inside the node's network namespace: ClusterIPs work from pods and, through the
 * host's route to the node, from the host. Its conntrack settings are zeroed so that it leaves the kernel-wide
 * conntrack limits alone.
 */
public final class KubeProxy implements AutoCloseable {
  private final Path dir;
  private final String nodeName;
  private final NodeAddresses addresses;
  private final Path kubeconfig;
  private final NodeNetwork network;
  private HostProcess process;

  public KubeProxy(Path dir, String nodeName, NodeAddresses addresses, Path kubeconfig, NodeNetwork network) {
    this.dir = dir;
    this.nodeName = nodeName;
    this.addresses = addresses;
    this.kubeconfig = kubeconfig;
    this.network = network;
  }

  public void start(Programs programs) {
    Path file = dir.resolve("kube-proxy-config.yaml");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, """
          apiVersion: kubeproxy.config.k8s.io/v1alpha1
          kind: KubeProxyConfiguration
          clientConnection:
            kubeconfig: %s
          mode: iptables
          hostnameOverride: %s
          clusterCIDR: %s
          bindAddress: %s
          healthzBindAddress: 127.0.0.1:10256
          metricsBindAddress: 127.0.0.1:10249
          nodePortAddresses: ["%s/32"]
          conntrack:
            maxPerCore: 0
            min: 0
            tcpEstablishedTimeout: 0s
            tcpCloseWaitTimeout: 0s
          iptables:
            minSyncPeriod: 0s
            syncPeriod: 30s
          """.formatted(kubeconfig, nodeName, addresses.podCidr(), addresses.nodeIp(), addresses.nodeIp()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process = HostProcess.start("kube-proxy", network.inNode(List.of(
        programs.binary("kubernetes", "kube-proxy").toString(), "--config=" + file)),
        dir.resolve("kube-proxy.log"), Map.of());
  }

  public void checkAlive() {
    if (process != null) {
      process.checkAlive();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      process = null;
    }
  }
}
