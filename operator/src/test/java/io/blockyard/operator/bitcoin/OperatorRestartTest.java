package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator stops in the middle of a scale-up and a new one takes over: no duplicates, same credentials. */
@ExtendWith(SharedTestbed.class)
class OperatorRestartTest {
  static final String NS = "operator-restart";

  static BitcoinNetwork network(KubernetesClient client) {
    return client.resources(BitcoinNetwork.class).inNamespace(NS).withName("grow").get();
  }

  static boolean converged(BitcoinNetwork n, int replicas) {
    return n != null && n.getStatus() != null && n.getStatus().getReadyReplicas() != null
        && n.getStatus().getReadyReplicas() == replicas && n.getStatus().getNodes().size() == replicas
        && n.getStatus().getConditions().stream().filter(c -> !c.getType().equals("Ready"))
            .allMatch(c -> c.getStatus().equals("True"))
        && n.getStatus().getNodes().stream().allMatch(node -> node.getAddedNodes().size() == replicas - 1);
  }

  @Test
  void aRestartedOperatorFinishesAScaleUpWithoutDuplicatesAndKeepsTheCredentials(Testbed testbed) throws Exception {
    KubernetesClient client = testbed.client();
    Secret credentialsBefore;
    Secret tlsBefore;
    try (RunningOperator first = RunningOperator.start(testbed)) {
      TestNodes.createNamespace(client, NS);
      TestNodes.apply(client, NS, """
          apiVersion: blockyard.io/v1alpha1
          kind: BitcoinNetwork
          metadata: {name: grow}
          spec: {replicas: 2, implementation: btcd, chain: regtest, mining: {initialBlocks: 5}}
          """);
      await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> converged(network(client), 2));
      credentialsBefore = client.secrets().inNamespace(NS).withName("grow-rpc-credentials").get();
      tlsBefore = client.secrets().inNamespace(NS).withName("grow-rpc-tls").get();

      client.resources(BitcoinNetwork.class).inNamespace(NS).withName("grow").scale(4);
      // Stop as soon as the scale-up reached the StatefulSet: the new nodes are not ready, not meshed yet.
      await().atMost(Duration.ofSeconds(30)).until(() -> client.apps().statefulSets().inNamespace(NS)
          .withName("grow").get().getSpec().getReplicas() == 4);
    }
    assertThat(network(client).getStatus().getReadyReplicas()).isLessThan(4);

    try (RunningOperator second = RunningOperator.start(testbed)) {
      await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
        BitcoinNetwork n = network(client);
        assertThat(converged(n, 4)).as("status %s", n.getStatus().getConditions()).isTrue();
        assertThat(n.getStatus().getNodes()).allSatisfy(node -> assertThat(node.getBlockHeight()).isEqualTo(5));
      });
    }
    assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).hasSize(1);
    assertThat(client.services().inNamespace(NS).list().getItems()).extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("grow", "grow-nodes");
    assertThat(client.secrets().inNamespace(NS).list().getItems()).extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("grow-rpc-credentials", "grow-rpc-tls", "grow-rpcauth", "grow-connection");
    Secret credentialsAfter = client.secrets().inNamespace(NS).withName("grow-rpc-credentials").get();
    Secret tlsAfter = client.secrets().inNamespace(NS).withName("grow-rpc-tls").get();
    assertThat(credentialsAfter.getMetadata().getUid()).isEqualTo(credentialsBefore.getMetadata().getUid());
    assertThat(credentialsAfter.getData()).isEqualTo(credentialsBefore.getData());
    assertThat(tlsAfter.getData()).isEqualTo(tlsBefore.getData());
  }
}
