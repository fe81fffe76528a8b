package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.KubectlBlockyardPlugin;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Testbed;
import io.blockyard.testbed.TestNodes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kubectl blockyard ... --via-api-server}: the plugin reaches the node through the API server's port-forward
 * (and the kubelet's port-forward) instead of the pod IP, as from a machine outside the cluster network.
 */
@ExtendWith(SharedTestbed.class)
class PluginPortForwardTest {
  static final String NS = "plugin-port-forward";
  static KubernetesClient client;
  static RunningOperator operator;
  static Testbed bed;

  static String kubectlBlockyard(String... args) throws Exception {
    return KubectlBlockyardPlugin.run(bed, args);
  }

  @BeforeAll
  static void startOperatorAndNetwork(Testbed testbed) throws Exception {
    bed = testbed;
    client = testbed.client();
    operator = RunningOperator.start(testbed);
    TestNodes.createNamespace(client, NS);
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: pf}
        spec: {replicas: 1, implementation: btcd, chain: regtest}
        """);
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getReadyReplicas()).isEqualTo(1);
      assertThat(n.getStatus().getNodes()).hasSize(1);
      assertThat(client.secrets().inNamespace(NS).withName("pf-connection").get()).isNotNull();
    });
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

  static BitcoinNetwork network() {
    return client.resources(BitcoinNetwork.class).inNamespace(NS).withName("pf").get();
  }

  /** The API server's own count of port-forward requests to pods, from its metrics. */
  static long portForwards() {
    return bed.client().raw("/metrics").lines()
        .filter(l -> l.startsWith("apiserver_request_total{") && l.contains("resource=\"pods\"")
            && l.contains("subresource=\"portforward\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /** Runs the plugin and checks that it went through the API server's port-forward, not to the pod IP. */
  static String viaApiServer(String... args) throws Exception {
    long before = portForwards();
    String out = kubectlBlockyard(args);
    assertThat(portForwards()).as("port-forward requests of: %s", String.join(" ", args)).isGreaterThan(before);
    return out;
  }

  @Test
  void rpcMineAndStatusWorkThroughThePortForward() throws Exception {
    long start = Long.parseLong(viaApiServer("rpc", "pf", "getblockcount", "-n", NS, "--via-api-server").strip());

    assertThat(viaApiServer("mine", "pf", "3", "-n", NS, "--via-api-server")).startsWith("mined 3 blocks on pf-0");

    assertThat(Long.parseLong(viaApiServer("rpc", "pf", "getblockcount", "-n", NS, "--via-api-server").strip()))
        .isEqualTo(start + 3);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      String status = kubectlBlockyard("status", "pf", "-n", NS, "--via-api-server");
      assertThat(status).contains("btcd, regtest, 1 of 1 ready").contains("Tip:       height " + (start + 3));
      assertThat(network().getStatus().getNodes().get(0).getBlockHeight()).isEqualTo(start + 3);
    });
  }

  @Test
  void withoutTheOptionThePluginUsesThePodIp() throws Exception {
    long before = portForwards();
    kubectlBlockyard("rpc", "pf", "getblockcount", "-n", NS);
    assertThat(portForwards()).isEqualTo(before);
  }
}
