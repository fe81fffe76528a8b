package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.KubectlBlockyardPlugin;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lightning on a btcd simnet network with storage, the chain that survives restarts: the btcd pod is deleted, comes
 * back at the height it had, lnd resyncs, the channel is active again and pays; a second btcd node syncs from the
 * first over peer-to-peer alone (no RPC relay on simnet).
 */
@ExtendWith(SharedTestbed.class)
class SimnetRestartScenarioTest {
  static final String NS = "lightning-simnet";
  static final Duration WAIT = Duration.ofMinutes(5);
  static KubernetesClient client;
  static RunningOperator operator;
  static Testbed bed;

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
    return client.resources(BitcoinNetwork.class).inNamespace(NS).withName("chain").get();
  }

  static LightningNode node(String name) {
    return client.resources(LightningNode.class).inNamespace(NS).withName(name).get();
  }

  static LightningChannel channel() {
    return client.resources(LightningChannel.class).inNamespace(NS).withName("amy-ben").get();
  }

  static String plugin(String... args) throws Exception {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "-n";
    all[args.length + 1] = NS;
    return KubectlBlockyardPlugin.runAllowingFailure(bed, all);
  }

  static void awaitPayment(long sat) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() -> {
      String invoice = plugin("invoice", "ben", String.valueOf(sat)).lines().findFirst().orElseThrow().trim();
      assertThat(invoice).startsWith("lnsb");
      assertThat(plugin("pay", "amy", invoice)).contains("paid");
    });
  }

  static void awaitChannelActive() {
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      LightningChannel c = channel();
      assertThat(Conditions.isTrue(c.getStatus().getConditions(), "Ready")).as("%s", c.getStatus().getConditions())
          .isTrue();
      assertThat(c.getStatus().getActive()).isTrue();
      assertThat(node("amy").getStatus().getActiveChannels()).isEqualTo(1);
    });
  }

  @Test
  void theBtcdPodRestartsAtTheHeightItHadAndTheChannelPaysAgain() throws Exception {
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: chain}
        spec: {replicas: 1, implementation: btcd, chain: simnet, storage: {size: 1Gi}, mining: {initialBlocks: 101}}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: amy}
        spec: {network: chain, extraArgs: [--trickledelay=50]}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: ben}
        spec: {network: chain, extraArgs: [--trickledelay=50]}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: amy-ben}
        spec: {from: amy, to: {node: ben}, capacitySat: 1000000, pushSat: 100000, fund: true}
        """);
    awaitChannelActive();
    assertThat(node("amy").getStatus().getChain()).isEqualTo("simnet");
    assertThat(Conditions.find(network().getStatus().getConditions(), "ChainKept")).as("simnet keeps its chain")
        .isEmpty();
    awaitPayment(1000);

    long height = network().getStatus().getBlockHeight();
    Pod before = client.pods().inNamespace(NS).withName("chain-0").get();
    client.pods().inNamespace(NS).withName("chain-0").delete();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      NodeStatus restarted = network().getStatus().getNodes().get(0);
      Pod after = client.pods().inNamespace(NS).withName("chain-0").get();
      assertThat(after.getMetadata().getUid()).isNotEqualTo(before.getMetadata().getUid());
      assertThat(TestNodes.isReady(after)).isTrue();
      assertThat(restarted.getIp()).isEqualTo(after.getStatus().getPodIP());
      assertThat(restarted.getBlockHeight()).isNotNull();
    });
    // One node, nothing to sync from: what it reports is what its volume kept.
    assertThat(network().getStatus().getNodes().get(0).getBlockHeight()).as("height after the restart")
        .isGreaterThanOrEqualTo(height);
    System.out.printf("btcd height before the restart %d, after %d%n", height,
        network().getStatus().getNodes().get(0).getBlockHeight());

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      for (String name : List.of("amy", "ben")) {
        LightningNode n = node(name);
        assertThat(Conditions.isTrue(n.getStatus().getConditions(), "Synced")).as("%s: %s", name,
            n.getStatus().getConditions()).isTrue();
        assertThat(n.getStatus().getBlockHeight()).isGreaterThanOrEqualTo(height);
      }
    });
    awaitChannelActive();
    awaitPayment(2000);

    // A second node syncs the whole chain from the first over peer-to-peer: on simnet nothing is relayed by RPC.
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("chain").scale(2);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getReadyReplicas()).isEqualTo(2);
      assertThat(Conditions.isTrue(n.getStatus().getConditions(), "Synced")).as("%s", n.getStatus().getConditions())
          .isTrue();
      assertThat(n.getStatus().getNodes().get(1).getBlockHeight()).isGreaterThanOrEqualTo(height);
    });
  }
}
