package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.RunningOperator;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator stopped at each wallet and channel step (as soon as the test sees the step under way) and started
 * again: everything converges with no manual step, one wallet, one channel, one close.
 */
@ExtendWith(SharedTestbed.class)
class OperatorStopsScenarioTest {
  static final String NS = "operator-stops";
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

  static LightningNode node(String name) {
    return client.resources(LightningNode.class).inNamespace(NS).withName(name).get();
  }

  static LightningChannel channel() {
    return client.resources(LightningChannel.class).inNamespace(NS).withName("pia-quinn").get();
  }

  static Secret secret(String name) {
    return client.secrets().inNamespace(NS).withName(name).get();
  }

  /** Waits (polling fast) until {@code step} is seen under way, then stops the operator and starts it again. */
  static void stopWhen(String step, Callable<Boolean> underWay) throws Exception {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(underWay);
    operator.close();
    System.out.printf("operator stopped during %s%n", step);
    operator = RunningOperator.start(bed);
  }

  static LndNode lnd(String name) {
    return ApplicationLnd.of(client, NS, name);
  }


  static void awaitReady(String name) {
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(Conditions.isTrue(
        node(name).getStatus().getConditions(), "Ready")).as("%s", node(name).getStatus().getConditions()).isTrue());
  }

  @Test
  void stoppedAtWalletCreationFundingOpeningAndClosingItConvergesOnItsOwn() throws Exception {
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: chain}
        spec: {replicas: 1, implementation: btcd, chain: simnet, storage: {size: 1Gi}, mining: {initialBlocks: 101}}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: pia}
        spec: {network: chain, storage: {size: 1Gi}}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: quinn}
        spec: {network: chain}
        """);
    // The wallet Secret is written before initwallet, the admin macaroon after it.
    stopWhen("wallet creation", () -> secret("pia-lnd-wallet") != null);
    awaitReady("pia");
    awaitReady("quinn");
    assertThat(secret("pia-lnd-wallet").getData()).containsKeys("password", "macaroon-root-key", "admin.macaroon");
    assertThat(client.secrets().inNamespace(NS).list().getItems()).extracting(s -> s.getMetadata().getName())
        .filteredOn(n -> n.startsWith("pia-lnd-seed")).containsExactly("pia-lnd-seed");

    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: pia-quinn}
        spec: {from: pia, to: {node: quinn}, capacitySat: 500000, pushSat: 50000, fund: true}
        """);
    // A step can be over within one pass (simnet mines fast), before any status shows it: then the stop comes just
    // after it, which still tests that the next operator carries on from what the last one recorded.
    stopWhen("funding", () -> Conditions.find(channel().getStatus().getConditions(), "Blocked")
        .map(c -> Set.of("ActivatingSegwit", "Funding").contains(c.getReason())).orElse(false)
        || channel().getStatus().getChannelPoint() != null);
    stopWhen("opening", () -> Set.of(ChannelState.OPENING, ChannelState.OPEN).contains(channel().getStatus()
        .getState()));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(channel().getStatus().getState()).isEqualTo(ChannelState.OPEN);
      assertThat(Conditions.isTrue(channel().getStatus().getConditions(), "Ready")).isTrue();
    });
    String point = channel().getStatus().getChannelPoint();
    String quinn = node("quinn").getStatus().getIdentityPubkey();
    assertThat(lnd("pia").listChannels()).filteredOn(c -> c.remotePubkey().equals(quinn)).singleElement()
        .satisfies(c -> assertThat(c.channelPoint().toString()).isEqualTo(point));
    assertThat(lnd("pia").pendingChannels()).isEmpty();

    client.resources(LightningChannel.class).inNamespace(NS).withName("pia-quinn").delete();
    stopWhen("closing", () -> channel() == null || channel().getStatus().getState() == ChannelState.CLOSING);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(channel()).isNull());
    assertThat(lnd("pia").closedChannels()).filteredOn(c -> c.channelPoint().toString().equals(point))
        .singleElement().satisfies(c -> assertThat(c.closeType()).isEqualTo("COOPERATIVE_CLOSE"));
    assertThat(lnd("pia").listChannels()).isEmpty();
    assertThat(lnd("pia").pendingChannels()).isEmpty();
    assertThat(List.of(node("pia"), node("quinn"))).allSatisfy(n -> assertThat(Conditions.isTrue(
        n.getStatus().getConditions(), "Ready")).isTrue());
  }
}
