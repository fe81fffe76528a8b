package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.operator.KubectlBlockyardPlugin;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * The seed scenario with {@code implementation: bitcoind}, end to end: the operator's Bitcoin Core pods (default
 * image) run on the test bed's node, where that image is the stand-in built from bcoin behind Core's command line
 * (testbed/tools/bitcoind-on-bcoin/, docs/images.md). The operator mines the initial blocks itself.
 */
@ExtendWith(SharedTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BitcoindNetworkScenarioTest {
  static final String NS = "bitcoind-scenario";
  static final Duration WAIT = Duration.ofSeconds(180);
  static KubernetesClient client;
  static RunningOperator operator;
  static Testbed bed;
  static String user;
  static String password;

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

  static String secretValue(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  /** A JSON-RPC call to one node by pod IP, with the credentials from the connection Secret. */
  static JsonNode rpc(NodeStatus node, String method, Object... params) throws Exception {
    return TestNodes.rpc("http://" + node.getIp() + ":18443/", user, password, method, params);
  }

  @Test
  @Order(1)
  void threeNodesBecomeReadyMeshedAndSyncedAtTheInitialHeight() throws Exception {
    String yaml = """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: net}
        spec:
          replicas: 3
          implementation: bitcoind
          chain: regtest
          mining: {initialBlocks: 101}
        """;
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).inNamespace(NS).serverSideApply();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getReadyReplicas()).isEqualTo(3);
      assertThat(condition(n, "Ready").getStatus()).isEqualTo("True");
      assertThat(condition(n, "Meshed").getStatus()).as(condition(n, "Meshed").getMessage()).isEqualTo("True");
      assertThat(condition(n, "Synced").getStatus()).as(condition(n, "Synced").getMessage()).isEqualTo("True");
      assertThat(n.getStatus().getBlockHeight()).isEqualTo(101);
      assertThat(n.getStatus().getNodes()).hasSize(3).allSatisfy(node -> {
        assertThat(node.getBlockHeight()).isEqualTo(101);
        assertThat(node.getAddedNodes()).hasSize(2);
      });
    });
    assertThat(client.apps().statefulSets().inNamespace(NS).withName("net").get().getSpec().getTemplate().getSpec()
        .getContainers().get(0).getImage()).startsWith("bitcoin/bitcoin:");
    // What a user connects with: plain HTTP (Bitcoin Core has no RPC TLS), no CA.
    Secret connection = client.secrets().inNamespace(NS).withName("net-connection").get();
    assertThat(connection.getData()).containsKeys("url", "user", "password").doesNotContainKey("ca.crt");
    assertThat(secretValue(connection, "url")).isEqualTo("http://net." + NS + ".svc:18443/");
    user = secretValue(connection, "user");
    password = secretValue(connection, "password");
    BitcoinNetwork n = network();
    for (NodeStatus node : n.getStatus().getNodes()) {
      assertThat(rpc(node, "getblockcount").asLong()).isEqualTo(101);
      assertThat(rpc(node, "getbestblockhash").asText()).isEqualTo(n.getStatus().getBestBlockHash());
    }
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("InitialBlocksMined"))
        .noneSatisfy(e -> assertThat(e.getReason()).isEqualTo("MiningFailed"));
    assertThat(n.toString()).doesNotContain(password);
  }

  @Test
  @Order(2)
  void aDeletedPodIsReplacedWithANewIpReMeshedAndCatchesUp() {
    NodeStatus old = network().getStatus().getNodes().get(1);
    client.pods().inNamespace(NS).withName("net-1").delete();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      NodeStatus fresh = n.getStatus().getNodes().stream().filter(x -> x.getOrdinal() == 1).findFirst().orElseThrow();
      assertThat(fresh.getIp()).isNotEqualTo(old.getIp());
      assertThat(fresh.getReady()).isTrue();
      assertThat(fresh.getBlockHeight()).isEqualTo(101);
      assertThat(fresh.getAddedNodes()).hasSize(2);
      assertThat(condition(n, "Meshed").getStatus()).isEqualTo("True");
      assertThat(condition(n, "Synced").getStatus()).isEqualTo("True");
      for (NodeStatus other : n.getStatus().getNodes()) {
        if (other.getOrdinal() != 1) {
          assertThat(other.getAddedNodes()).contains(fresh.getIp() + ":18444").doesNotContain(old.getIp() + ":18444");
        }
      }
    });
  }

  @Test
  @Order(3)
  void blocksMinedWithThePluginReachEveryNodeAndAFourthNodeJoinsSynced() throws Exception {
    assertThat(KubectlBlockyardPlugin.run(bed, "mine", "net", "5", "-n", NS)).startsWith("mined 5 blocks on net-0");
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("net").scale(4);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getReadyReplicas()).isEqualTo(4);
      assertThat(n.getStatus().getNodes()).hasSize(4).allSatisfy(node -> {
        assertThat(node.getBlockHeight()).isEqualTo(106);
        assertThat(node.getAddedNodes()).hasSize(3);
      });
      assertThat(condition(n, "Meshed").getStatus()).isEqualTo("True");
      assertThat(condition(n, "Synced").getStatus()).isEqualTo("True");
    });
  }

  @Test
  @Order(4)
  void scalingToTwoRemovesTheOthersFromEveryAddedNodeList() {
    Set<String> gone = network().getStatus().getNodes().stream().filter(x -> x.getOrdinal() >= 2)
        .map(x -> x.getIp() + ":18444").collect(Collectors.toSet());
    assertThat(gone).hasSize(2);
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("net").scale(2);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getNodes()).hasSize(2);
      assertThat(n.getStatus().getReadyReplicas()).isEqualTo(2);
      for (NodeStatus node : n.getStatus().getNodes()) {
        assertThat(node.getAddedNodes()).hasSize(1).doesNotContainAnyElementsOf(gone);
        // The node's own list, as `bitcoin-cli getaddednodeinfo` shows it.
        List<String> live = new ArrayList<>();
        rpc(node, "getaddednodeinfo").forEach(a -> live.add(a.path("addednode").asText()));
        assertThat(live).hasSize(1).doesNotContainAnyElementsOf(gone);
      }
      assertThat(condition(n, "Ready").getStatus()).isEqualTo("True");
      assertThat(condition(n, "Meshed").getStatus()).isEqualTo("True");
    });
  }

  @Test
  @Order(5)
  void deletingTheNetworkRemovesEveryOwnedObject() {
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("net").delete();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
      assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
      assertThat(client.configMaps().inNamespace(NS).list().getItems())
          .allSatisfy(c -> assertThat(c.getMetadata().getName()).isEqualTo("kube-root-ca.crt"));
      assertThat(client.secrets().inNamespace(NS).list().getItems()).isEmpty();
      assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
    });
  }
}
