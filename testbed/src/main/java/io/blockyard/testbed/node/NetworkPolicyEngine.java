package io.blockyard.testbed.node;

import io.blockyard.testbed.HostProcess;
import io.blockyard.testbed.Programs;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestbedException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The node's NetworkPolicy engine: kube-router's firewall controller alone (no routing, no service proxy), inside
 * the node's network namespace like kube-proxy. It turns the cluster's NetworkPolicies into iptables chains and ipsets
 * there, beside the CNI bridge plugin (bridged pod traffic passes iptables through {@code bridge-nf-call-iptables}),
 * so a policy is enforced as on a cluster whose CNI enforces them. Its chains and sets live and die with the
 * namespace. It reads the API server with a client certificate of its own, bound to a read-only ClusterRole.
 */
public final class NetworkPolicyEngine implements AutoCloseable {
  static final String USER = "system:blockyard:network-policy-engine";
  /** kube-router's chain from the node's FORWARD chain: present once its first sync ran. */
  static final String FORWARD_CHAIN = "KUBE-ROUTER-FORWARD";
  private final Path dir;
  private final String nodeName;
  private final NodeAddresses addresses;
  private final Path kubeconfig;
  private final NodeNetwork network;
  private HostProcess process;

  public NetworkPolicyEngine(Path dir, String nodeName, NodeAddresses addresses, Path kubeconfig,
      NodeNetwork network) {
    this.dir = dir;
    this.nodeName = nodeName;
    this.addresses = addresses;
    this.kubeconfig = kubeconfig;
    this.network = network;
  }

  /** Starts once the node is registered (kube-router reads the node's addresses from its Node object). */
  public void start(Programs programs, KubernetesClient admin) {
    Shell.requireTool("ipset");
    for (HasMetadata item : admin.load(new ByteArrayInputStream(rbac().getBytes(StandardCharsets.UTF_8))).items()) {
      admin.resource(item).forceConflicts().serverSideApply();
    }
    process = HostProcess.start("kube-router", network.inNode(List.of(
        programs.binary("kube-router", "kube-router").toString(),
        "--kubeconfig=" + kubeconfig,
        "--hostname-override=" + nodeName,
        "--run-firewall=true", "--run-router=false", "--run-service-proxy=false",
        "--service-cluster-ip-range=" + addresses.serviceCidr(),
        "--health-port=0", "--metrics-port=0",
        // A policy applied by a test is in force within seconds; the periodic full sync only mends drift.
        "--iptables-sync-period=1m")), dir.resolve("kube-router.log"), Map.of());
    awaitFirstSync();
  }

  private void awaitFirstSync() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Shell.runAllowingFailure(network.inNode(List.of("iptables", "-w", "-S", FORWARD_CHAIN))
        .toArray(String[]::new)).exitCode() != 0) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new TestbedException("kube-router made no " + FORWARD_CHAIN + " chain within 60 s; see "
            + dir.resolve("kube-router.log"));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestbedException("interrupted while waiting for kube-router");
      }
    }
  }

  /** What kube-router's network policy controller reads: it writes nothing to the API server. */
  private static String rbac() {
    return """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "%1$s"}
        rules:
        - apiGroups: [""]
          resources: [pods, namespaces, nodes, services, endpoints]
          verbs: [get, list, watch]
        - apiGroups: [networking.k8s.io]
          resources: [networkpolicies]
          verbs: [get, list, watch]
        - apiGroups: [discovery.k8s.io]
          resources: [endpointslices]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: "%1$s"}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "%1$s"}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: "%1$s"}]
        """.formatted(USER);
  }

  public void checkAlive() {
    if (process != null) {
      process.checkAlive();
    }
  }

  public Path log() {
    return dir.resolve("kube-router.log");
  }

  /** Its chains and ipsets are the node namespace's, removed with it. */
  @Override
  public void close() {
    if (process != null) {
      process.close();
      process = null;
    }
  }
}
