package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A network whose owned objects cannot be made: status and an Event say what failed and what to do, by Secret and
 * key name, and the network recovers once the user fixes it.
 */
@ExtendWith(SharedTestbed.class)
class FailureStatusTest {
  static final String NS = "failure-status";
  static KubernetesClient client;
  static RunningOperator operator;

  @BeforeAll
  static void startOperator(Testbed bed) throws Exception {
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

  static Condition ready() {
    BitcoinNetwork n = client.resources(BitcoinNetwork.class).inNamespace(NS).withName("later").get();
    return n.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
  }

  @Test
  void aMissingSecretThenAMissingKeyAreReportedAndTheNetworkRecoversWhenBothAreThere() {
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: later}
        spec:
          replicas: 1
          rpc: {credentialsSecret: later-rpc}
        """);
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
      Condition ready = ready();
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SecretMissing");
      assertThat(ready.getMessage()).contains("the RPC credentials Secret \"later-rpc\" does not exist")
          .contains("create it");
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NS)
        .list().getItems()).extracting(Event::getMessage).anyMatch(m -> m.contains("\"later-rpc\" does not exist")));

    TestNodes.apply(client, NS, """
        apiVersion: v1
        kind: Secret
        metadata: {name: later-rpc}
        stringData: {user: me}
        """);
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
        assertThat(ready().getMessage()).contains("the RPC credentials Secret \"later-rpc\" has no key \"password\""));

    TestNodes.apply(client, NS, """
        apiVersion: v1
        kind: Secret
        metadata: {name: later-rpc}
        stringData: {user: me, password: a-password-the-user-chose}
        """);
    await().atMost(Duration.ofSeconds(180)).ignoreExceptions().untilAsserted(() -> {
      assertThat(ready().getStatus()).as(ready().getMessage()).isEqualTo("True");
      assertThat(client.secrets().inNamespace(NS).withName("later-connection").get()).isNotNull();
    });
  }
}
