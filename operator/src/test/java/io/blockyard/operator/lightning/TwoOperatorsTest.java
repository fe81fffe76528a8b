package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.operator.RunningOperator;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.PendingChannel;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two operator instances at once, leader election off (as after a botched upgrade, or a second install): a channel
 * created then is opened exactly once, because the open attempt is recorded on the channel before lnd is called.
 */
@ExtendWith(SharedTestbed.class)
class TwoOperatorsTest {
  static final String NS = "two-operators";
  static KubernetesClient client;
  static RunningOperator first;
  static RunningOperator second;

  @BeforeAll
  static void startTwoOperators(Testbed bed) throws Exception {
    client = bed.client();
    first = RunningOperator.start(bed);
    second = RunningOperator.start(bed);
    TestNodes.createNamespace(client, NS);
  }

  @AfterAll
  static void stopOperators() {
    if (client != null) {
      client.namespaces().withName(NS).delete();
    }
    for (RunningOperator operator : new RunningOperator[] {first, second}) {
      if (operator != null) {
        operator.close();
      }
    }
  }

  static LndNode lnd(String name) {
    return ApplicationLnd.of(client, NS, name);
  }

  @Test
  void aChannelOpensExactlyOnceWithTwoOperatorsRunning() {
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: chain}
        spec: {replicas: 1, implementation: btcd, chain: regtest, mining: {initialBlocks: 101}}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: dave}
        spec: {network: chain, extraArgs: [--trickledelay=50]}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: erin}
        spec: {network: chain, extraArgs: [--trickledelay=50]}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: dave-erin}
        spec: {from: dave, to: {node: erin}, capacitySat: 200000, fund: true}
        """);
    await().atMost(Duration.ofMinutes(5)).ignoreExceptions().untilAsserted(() -> {
      LightningChannel c = client.resources(LightningChannel.class).inNamespace(NS).withName("dave-erin").get();
      assertThat(c.getStatus().getState()).as("%s", c.getStatus().getConditions()).isEqualTo(ChannelState.OPEN);
    });
    LightningChannel channel = client.resources(LightningChannel.class).inNamespace(NS).withName("dave-erin").get();
    assertThat(channel.getMetadata().getAnnotations()).containsKey(OpenAttempt.ANNOTATION);
    // Both operators keep reconciling; give a second open every chance to happen, then count.
    await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      LndNode dave = lnd("dave");
      assertThat(dave.listChannels()).hasSize(1);
      assertThat(dave.pendingChannels()).noneMatch(p -> p.stage() == PendingChannel.Stage.PENDING_OPEN);
      assertThat(dave.listChannels().get(0).channelPoint().toString())
          .isEqualTo(channel.getStatus().getChannelPoint());
    });
  }
}
