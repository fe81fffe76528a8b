package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Port-forward through the real kube-apiserver to the kubelet and containerd: kubectl (SPDY from the
 * API server to the kubelet) and fabric8 (WebSocket, passed through by the API server) reach a btcd pod's RPC port.
 */
@ExtendWith(SharedTestbed.class)
class PortForwardTest {
  static final String NS = "port-forward";
  static final String POD = "btcd";
  static final int RPC_PORT = 18334;
  static final String USER = "tester";
  static final String PASSWORD = "not-a-real-secret";
  static KubernetesClient client;
  static Testbed bed;

  static final String MANIFEST = """
      apiVersion: v1
      kind: Pod
      metadata: {name: btcd, labels: {app: btcd}}
      spec:
        terminationGracePeriodSeconds: 5
        containers:
        - name: btcd
          image: blockyard/btcd:v0.26.2
          args: [--regtest, --datadir=/data, --logdir=/data/logs, --rpcuser=%s, --rpcpass=%s,
                 --rpclisten=0.0.0.0:18334, --rpccert=/data/rpc.cert, --rpckey=/data/rpc.key]
          readinessProbe:
            tcpSocket: {port: 18334}
            periodSeconds: 1
          volumeMounts: [{name: data, mountPath: /data}]
        volumes: [{name: data, emptyDir: {}}]
      """.formatted(USER, PASSWORD);

  @BeforeAll
  static void startBtcd(Testbed testbed) {
    bed = testbed;
    client = testbed.client();
    TestNodes.createNamespace(client, NS);
    TestNodes.apply(client, NS, MANIFEST);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
        .until(() -> TestNodes.isReady(client.pods().inNamespace(NS).withName(POD).get()));
  }

  @AfterAll
  static void deleteNamespace() {
    client.namespaces().withName(NS).delete();
  }

  @Test
  void kubectlPortForwardReachesTheRpcPortWithParallelConnections() throws Exception {
    int local = Ports.free();
    Process kubectl = kubectlPortForward(local, RPC_PORT);
    try {
      awaitForwarding(kubectl, local);
      assertThat(getBlockCount(local)).isZero();
      assertParallelCallsWork(local);
    } finally {
      kubectl.destroy();
      kubectl.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void fabric8PortForwardReachesTheRpcPortWithParallelConnections() throws Exception {
    try (LocalPortForward forward = client.pods().inNamespace(NS).withName(POD).portForward(RPC_PORT)) {
      assertThat(getBlockCount(forward.getLocalPort())).isZero();
      assertParallelCallsWork(forward.getLocalPort());
      assertThat(forward.errorOccurred()).isFalse();
    }
  }

  @Test
  void kubectlGetsAnErrorForAPortWhereNothingListens() throws Exception {
    int local = Ports.free();
    Process kubectl = kubectlPortForward(local, 1);
    try {
      awaitForwarding(kubectl, local);
      assertClosedWithoutHanging(local);
      // kubectl reports the kubelet's message (containerd's, which names the pod's sandbox) and gives up.
      assertThat(kubectl.waitFor(20, TimeUnit.SECONDS)).as("kubectl port-forward exits").isTrue();
      String stderr = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(stderr).contains("error forwarding port 1 to pod").contains("connection refused");
    } finally {
      kubectl.destroyForcibly();
      kubectl.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void fabric8GetsAnErrorForAPortWhereNothingListens() throws Exception {
    try (LocalPortForward forward = client.pods().inNamespace(NS).withName(POD).portForward(1)) {
      assertClosedWithoutHanging(forward.getLocalPort());
      await().atMost(Duration.ofSeconds(10)).until(forward::errorOccurred);
      assertThat(forward.getServerThrowables()).isNotEmpty();
    }
  }

  private static Process kubectlPortForward(int local, int remote) throws IOException {
    Path kubectl = bed.programs().binary("kubernetes", "kubectl");
    return new ProcessBuilder(kubectl.toString(), "--kubeconfig=" + bed.kubeconfig(), "-n", NS, "port-forward",
        "pod/" + POD, local + ":" + remote, "--address=127.0.0.1").start();
  }

  /** kubectl prints "Forwarding from 127.0.0.1:N -> M" once it listens. */
  private static void awaitForwarding(Process kubectl, int local) throws Exception {
    InputStream out = kubectl.getInputStream();
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!seen.toString().contains("Forwarding from 127.0.0.1:" + local)) {
      if (System.nanoTime() > deadline || !kubectl.isAlive() && out.available() == 0) {
        throw new AssertionError("kubectl port-forward did not start: " + seen
            + new String(kubectl.getErrorStream().readNBytes(kubectl.isAlive() ? 0 : 4096), StandardCharsets.UTF_8));
      }
      if (out.available() > 0) {
        seen.append((char) out.read());
      } else {
        Thread.sleep(50);
      }
    }
  }

  private static long getBlockCount(int localPort) throws Exception {
    return TestNodes.rpc("https://127.0.0.1:" + localPort, USER, PASSWORD, "getblockcount").asLong();
  }

  /** Four calls at once, each on its own connection (a new HTTP client each), so four forwarded streams. */
  private static void assertParallelCallsWork(int localPort) throws Exception {
    List<CompletableFuture<String>> calls = List.of(1, 2, 3, 4).stream().map(i -> CompletableFuture.supplyAsync(() -> {
      try {
        return TestNodes.rpc("https://127.0.0.1:" + localPort, USER, PASSWORD, "getblockchaininfo")
            .get("chain").asText();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    })).toList();
    for (CompletableFuture<String> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo("regtest");
    }
  }

  /** A connection to the forward ends (end of stream or reset) instead of hanging. */
  private static void assertClosedWithoutHanging(int localPort) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", localPort), 5_000);
      s.setSoTimeout(20_000);
      s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
      try {
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      } catch (java.net.SocketException reset) {
        // a reset is an answer too
      }
    }
  }
}
