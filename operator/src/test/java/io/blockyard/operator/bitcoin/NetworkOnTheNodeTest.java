package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user of a real cluster checks on the nodes the operator runs: the default btcd image runs as a non-root
 * user within its memory limit, {@code kubectl exec} and {@code kubectl logs} work on it, another pod finds the
 * network's client Service by its DNS name and reaches RPC through its ClusterIP, and a missing image is named in
 * the network's status.
 */
@ExtendWith(SharedTestbed.class)
class NetworkOnTheNodeTest {
  static final String NS = "on-the-node";
  static Testbed testbed;
  static KubernetesClient client;
  static RunningOperator operator;

  @BeforeAll
  static void startOperator(Testbed bed) throws Exception {
    testbed = bed;
    client = bed.client();
    operator = RunningOperator.start(bed);
    TestNodes.createNamespace(client, NS);
  }

  @AfterAll
  static void stopOperator() {
    if (client != null) {
      client.namespaces().withName(NS).delete();
    }
    if (operator != null) {
      operator.close();
    }
  }

  static String kubectl(String... args) {
    List<String> cmd = new ArrayList<>(List.of(testbed.programs().binary("kubernetes", "kubectl").toString(),
        "--kubeconfig", testbed.kubeconfig().toString(), "-n", NS));
    cmd.addAll(List.of(args));
    return Shell.run(cmd.toArray(String[]::new));
  }

  static BitcoinNetwork network(String name) {
    return client.resources(BitcoinNetwork.class).inNamespace(NS).withName(name).get();
  }

  static Condition condition(BitcoinNetwork n, String type) {
    return n.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void theDefaultBtcdImageRunsAsNonRootWithinItsLimitAndAnswersThroughItsDnsNameAndClusterIp() {
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: onnode}
        spec:
          replicas: 2
          resources: {limits: {memory: 384Mi}}
        """);
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() ->
        assertThat(condition(network("onnode"), "Meshed").getStatus()).isEqualTo("True"));
    Pod pod = client.pods().inNamespace(NS).withName("onnode-0").get();
    assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("blockyard/btcd:v0.26.2");
    assertThat(pod.getStatus().getContainerStatuses().get(0).getContainerID()).startsWith("containerd://");
    assertThat(kubectl("exec", "onnode-0", "--", "id", "-u").strip()).isEqualTo("1000");
    assertThat(kubectl("exec", "onnode-0", "--", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes").strip())
        .isEqualTo(String.valueOf(384L * 1024 * 1024));
    assertThat(kubectl("logs", "onnode-0")).contains("RPC server listening");

    long height = network("onnode").getStatus().getBlockHeight();
    // The operator's btcctl.conf holds the credentials, so that they are on no command line.
    String btcctl = "btcctl --configfile=/run/blockyard/btcctl.conf --regtest --rpccert=/tls/tls.crt ";
    // btcctl against its own node, as a user does with kubectl exec.
    assertThat(kubectl("exec", "onnode-0", "--", "sh", "-c", btcctl + "--rpcserver=127.0.0.1:18334 --skipverify "
        + "getblockcount").strip()).isEqualTo(String.valueOf(height));
    // From the other pod, by the client Service's DNS name (the certificate names it) through its ClusterIP.
    String service = "onnode." + NS + ".svc";
    String clusterIp = client.services().inNamespace(NS).withName("onnode").get().getSpec().getClusterIP();
    assertThat(kubectl("exec", "onnode-1", "--", "nslookup", service + ".cluster.local")).contains(clusterIp);
    assertThat(kubectl("exec", "onnode-1", "--", "sh", "-c", btcctl + "--rpcserver=" + service + ":18334 "
        + "getblockcount").strip()).isEqualTo(String.valueOf(height));
  }

  @Test
  void aMissingImageIsNamedInTheNetworksReadyCondition() {
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: noimage}
        spec:
          replicas: 1
          image: blockyard/btcd:no-such-version
        """);
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
      Condition ready = condition(network("noimage"), "Ready");
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("ImageUnavailable");
      assertThat(ready.getMessage()).contains("noimage-0").contains("blockyard/btcd:no-such-version")
          .containsAnyOf("ErrImagePull", "ImagePullBackOff");
    });
  }
}
