package io.blockyard.testbed.node;

import io.blockyard.testbed.HostProcess;
import io.blockyard.testbed.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The real kubelet, built from the pinned Kubernetes release, running the node's pods in containerd. */
public final class Kubelet implements AutoCloseable {
  /** Everything the kubelet needs from the rest of the node. */
  public record Config(Path dir, String nodeName, NodeAddresses addresses, Path kubeconfig, Path caCert,
      Path servingCert, Path servingKey, Path containerdSocket, String cgroupRoot) {}

  private final Config config;
  private final NodeNetwork network;
  private HostProcess process;

  public Kubelet(Config config, NodeNetwork network) {
    this.config = config;
    this.network = network;
  }

  public Path podLogsDir() {
    return config.dir().resolve("pod-logs");
  }

  public Path rootDir() {
    return config.dir().resolve("root");
  }

  public void start(Programs programs) {
    Path file = config.dir().resolve("kubelet-config.yaml");
    try {
      Files.createDirectories(podLogsDir());
      Files.createDirectories(rootDir());
      // Pods with dnsPolicy Default get no outside resolver: the test bed has no outside world to resolve.
      Files.writeString(config.dir().resolve("resolv.conf"), "nameserver " + config.addresses().clusterDnsIp() + "\n");
      Files.writeString(file, kubeletConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process = HostProcess.start("kubelet", network.inNode(List.of(
        programs.binary("kubernetes", "kubelet").toString(),
        "--config=" + file,
        "--kubeconfig=" + config.kubeconfig(),
        "--root-dir=" + rootDir(),
        "--cert-dir=" + config.dir().resolve("pki"),
        "--hostname-override=" + config.nodeName(),
        "--node-ip=" + config.addresses().nodeIp(),
        "--v=1")), config.dir().resolve("kubelet.log"), Map.of());
  }

  private String kubeletConfiguration() {
    return """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        address: %1$s
        port: 10250
        readOnlyPort: 0
        healthzBindAddress: 127.0.0.1
        healthzPort: 10248
        containerRuntimeEndpoint: unix://%2$s
        cgroupDriver: cgroupfs
        cgroupsPerQOS: true
        cgroupRoot: %3$s
        enforceNodeAllocatable: [pods]
        failSwapOn: false
        failCgroupV1: false
        authentication:
          anonymous: {enabled: false}
          webhook: {enabled: true}
          x509: {clientCAFile: %4$s}
        authorization:
          mode: Webhook
        tlsCertFile: %5$s
        tlsPrivateKeyFile: %6$s
        clusterDomain: cluster.local
        clusterDNS: [%7$s]
        resolvConf: %8$s
        podLogsDir: %9$s
        serializeImagePulls: false
        # A small test disk must not make the kubelet evict pods or collect the imported images.
        evictionHard: {memory.available: "50Mi", nodefs.available: "1%%", nodefs.inodesFree: "1%%", imagefs.available: "1%%"}
        imageGCHighThresholdPercent: 100
        imageGCLowThresholdPercent: 99
        makeIPTablesUtilChains: true
        maxPods: %10$d
        nodeStatusReportFrequency: 10s
        fileCheckFrequency: 5s
        syncFrequency: 10s
        shutdownGracePeriod: 0s
        """.formatted(config.addresses().nodeIp(), config.containerdSocket(), config.cgroupRoot(), config.caCert(),
        config.servingCert(), config.servingKey(), config.addresses().clusterDnsIp(),
        config.dir().resolve("resolv.conf"), podLogsDir(), config.addresses().maxPods());
  }

  public void checkAlive() {
    if (process != null) {
      process.checkAlive();
    }
  }

  public Path log() {
    return config.dir().resolve("kubelet.log");
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      process = null;
    }
  }
}
