package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.operator.KubectlBlockyardPlugin;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Testbed;
import io.blockyard.testbed.TestNodes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed scenario with btcd, end to end: the operator on the real test bed, with its own RBAC. */
@ExtendWith(SharedTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BitcoinNetworkScenarioTest {
  static final String NS = "btcd-scenario";
  static KubernetesClient client;
  static RunningOperator operator;
  static String password;
  static Testbed bed;

  static String kubectlBlockyard(String... args) throws Exception {
    return KubectlBlockyardPlugin.run(bed, args);
  }

  @BeforeAll
  static void startOperator(Testbed testbed) throws Exception {
    bed = testbed;
    client = testbed.client();
    operator = RunningOperator.start(testbed);
    TestNodes.createNamespace(client, NS);
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  static BitcoinNetwork network() {
    return client.resources(BitcoinNetwork.class).inNamespace(NS).withName("net").get();
  }

  static Condition condition(BitcoinNetwork n, String type) {
    return n.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  static String rpcUrl(NodeStatus node) {
    return "https://" + node.getIp() + ":18334/";
  }

  @Test
  @Order(1)
  void threeNodesBecomeReadyAndMeshed() {
    String yaml = """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: net}
        spec: {replicas: 3, implementation: btcd, chain: regtest}
        """;
    TestNodes.apply(client, NS, yaml);
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getReadyReplicas()).isEqualTo(3);
      assertThat(condition(n, "Ready").getStatus()).isEqualTo("True");
      assertThat(condition(n, "Meshed").getStatus()).as(condition(n, "Meshed").getMessage()).isEqualTo("True");
      assertThat(n.getStatus().getNodes()).hasSize(3).allSatisfy(node -> {
        assertThat(node.getAddedNodes()).hasSize(2);
        assertThat(node.getDnsName()).endsWith(".net-nodes." + NS + ".svc.cluster.local");
      });
    });
    Secret credentials = client.secrets().inNamespace(NS).withName("net-rpc-credentials").get();
    password = new String(Base64.getDecoder().decode(credentials.getData().get("password")), StandardCharsets.UTF_8);
    assertThat(password).hasSizeGreaterThanOrEqualTo(40);
    assertThat(credentials.getMetadata().getOwnerReferences()).hasSize(1);
    Secret connection = client.secrets().inNamespace(NS).withName("net-connection").get();
    assertThat(connection.getData()).containsKeys("url", "user", "password", "ca.crt");
    assertThat(new String(Base64.getDecoder().decode(connection.getData().get("url")), StandardCharsets.UTF_8))
        .isEqualTo("https://net." + NS + ".svc:18334/");
    String everything = client.resources(BitcoinNetwork.class).inNamespace(NS).withName("net").get().toString();
    assertThat(everything).doesNotContain(password);
    // The Secrets the operator generates are written in the same pass as those made from them: no failed pass.
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> "net".equals(e.getInvolvedObject().getName())
            && "BitcoinNetwork".equals(e.getInvolvedObject().getKind()))
        .extracting(e -> e.getType() + " " + e.getReason())
        .contains("Normal Ready:AllNodesReady")
        .doesNotContain("Warning Ready:SecretMissing", "Warning Ready:DependentFailed")
        .as("nodes starting are news, not warnings").doesNotContain("Warning Ready:NodesNotReady");
  }

  @Test
  @Order(2)
  void blocksMinedWithThePluginReachEveryNodeInStatus() throws Exception {
    assertThat(kubectlBlockyard("mine", "net", "101", "-n", NS)).startsWith("mined 101 blocks on net-0");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getBlockHeight()).isEqualTo(101);
      assertThat(n.getStatus().getNodes()).allSatisfy(node -> assertThat(node.getBlockHeight()).isEqualTo(101));
      assertThat(condition(n, "Synced").getStatus()).isEqualTo("True");
    });
    assertThat(kubectlBlockyard("rpc", "net", "--node", "2", "getblockcount", "-n", NS).strip()).isEqualTo("101");
    String status = kubectlBlockyard("status", "net", "-n", NS);
    assertThat(status).contains("btcd, regtest, 3 of 3 ready").contains("Tip:       height 101")
        .contains("net-2").containsPattern("Synced +True +SameTip");
    String connect = kubectlBlockyard("connect", "net", "-n", NS);
    assertThat(connect).contains("RPC URL:   https://net." + NS + ".svc:18334/")
        .contains("key \"password\" of Secret " + NS + "/net-connection").doesNotContain(password);
  }

  @Test
  @Order(3)
  void aDeletedPodIsReplacedWithANewIpReMeshedAndCatchesUp() {
    NodeStatus old = network().getStatus().getNodes().get(1);
    client.pods().inNamespace(NS).withName("net-1").delete();
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      NodeStatus fresh = n.getStatus().getNodes().stream().filter(x -> x.getOrdinal() == 1).findFirst().orElseThrow();
      assertThat(fresh.getIp()).isNotEqualTo(old.getIp());
      assertThat(fresh.getReady()).isTrue();
      assertThat(fresh.getBlockHeight()).isEqualTo(101);
      assertThat(condition(n, "Meshed").getStatus()).isEqualTo("True");
      for (NodeStatus other : n.getStatus().getNodes()) {
        if (other.getOrdinal() != 1) {
          assertThat(other.getAddedNodes()).contains(fresh.getIp() + ":18444").doesNotContain(old.getIp() + ":18444");
        }
      }
    });
  }

  @Test
  @Order(4)
  void scalingToFourAddsASyncedFourthNode() {
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("net").scale(4);
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getReadyReplicas()).isEqualTo(4);
      assertThat(n.getStatus().getNodes()).hasSize(4)
          .allSatisfy(node -> assertThat(node.getBlockHeight()).isEqualTo(101));
      assertThat(condition(n, "Meshed").getStatus()).isEqualTo("True");
    });
  }

  @Test
  @Order(5)
  void scalingToTwoRemovesTheOthersFromEveryAddedNodeList() {
    Set<String> gone = network().getStatus().getNodes().stream().filter(x -> x.getOrdinal() >= 2)
        .map(x -> x.getIp() + ":18444").collect(Collectors.toSet());
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("net").scale(2);
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getNodes()).hasSize(2);
      for (NodeStatus node : n.getStatus().getNodes()) {
        assertThat(node.getAddedNodes()).hasSize(1).doesNotContainAnyElementsOf(gone);
        JsonNode added = TestNodes.rpc(rpcUrl(node), "blockyard", password, "getaddednodeinfo", false);
        List<String> live = new java.util.ArrayList<>();
        added.forEach(a -> live.add(a.asText()));
        assertThat(live).doesNotContainAnyElementsOf(gone);
      }
      assertThat(condition(n, "Meshed").getStatus()).isEqualTo("True");
    });
  }

  @Test
  @Order(6)
  void deletingTheNetworkRemovesEveryOwnedObject() {
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("net").delete();
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
      assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
      assertThat(client.configMaps().inNamespace(NS).list().getItems())
          .allSatisfy(c -> assertThat(c.getMetadata().getName()).isEqualTo("kube-root-ca.crt"));
      assertThat(client.secrets().inNamespace(NS).list().getItems()).isEmpty();
      List<Pod> pods = client.pods().inNamespace(NS).list().getItems();
      assertThat(pods).isEmpty();
    });
  }
}
