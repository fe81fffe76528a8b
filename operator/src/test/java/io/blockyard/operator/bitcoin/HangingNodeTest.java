package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.KubectlBlockyardPlugin;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node that accepts connections but never answers is reported, and does not hold up other networks. */
@ExtendWith(SharedTestbed.class)
class HangingNodeTest {
  static final String NS = "hanging-node";

  static BitcoinNetwork network(KubernetesClient client, String name) {
    return client.resources(BitcoinNetwork.class).inNamespace(NS).withName(name).get();
  }

  static Condition condition(BitcoinNetwork n, String type) {
    return n.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  static boolean healthy(BitcoinNetwork n) {
    return n != null && n.getStatus() != null && n.getStatus().getConditions().size() == 3
        && n.getStatus().getConditions().stream().allMatch(c -> c.getStatus().equals("True"));
  }

  @Test
  void aHungNodeIsReportedWhileAnotherNetworkKeepsFollowingItsChain(Testbed testbed) throws Exception {
    KubernetesClient client = testbed.client();
    try (RunningOperator operator = RunningOperator.start(testbed)) {
      TestNodes.createNamespace(client, NS);
      for (String name : new String[] {"steady", "stuck"}) {
        TestNodes.apply(client, NS, """
            apiVersion: blockyard.io/v1alpha1
            kind: BitcoinNetwork
            metadata: {name: %s}
            spec: {replicas: 1}
            """.formatted(name));
      }
      await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(
          () -> healthy(network(client, "steady")) && healthy(network(client, "stuck")));

      // Frozen in its cgroup (containerd's pause): the node's process stays, but answers nothing.
      String container = client.pods().inNamespace(NS).withName("stuck-0").get().getStatus().getContainerStatuses()
          .get(0).getContainerID().substring("containerd://".length());
      testbed.node().containerd().ctr("tasks", "pause", container);
      try {
        long before = network(client, "steady").getStatus().getBlockHeight();
        KubectlBlockyardPlugin.run(testbed, "mine", "steady", "3", "-n", NS);
        // Each call to the hung node waits out its timeout; the other network's status still follows at once.
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(
            () -> network(client, "steady").getStatus().getBlockHeight() == before + 3);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
          BitcoinNetwork stuck = network(client, "stuck");
          assertThat(condition(stuck, "Meshed").getStatus()).isEqualTo("False");
          assertThat(condition(stuck, "Meshed").getReason()).isIn("NodeUnreachable", "NoReadyNodes");
        });
      } finally {
        testbed.node().containerd().ctr("tasks", "resume", container);
      }
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> healthy(network(client, "stuck")));
    }
  }
}
