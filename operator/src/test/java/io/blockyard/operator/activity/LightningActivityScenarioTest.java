package io.blockyard.operator.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.lightning.LightningActivity;
import io.blockyard.api.lightning.LightningActivityStatus;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.operator.ApiRequestCounts;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.KubectlBlockyardPlugin;
import io.blockyard.operator.RunningOperator;
import io.blockyard.operator.lightning.ApplicationLnd;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.PaymentRecord;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A LightningActivity over three lnd nodes on the real test bed: for 60 s the operator pays among them, and what its
 * status reports is what lnd's own payment lists say.
 */
@ExtendWith(SharedTestbed.class)
class LightningActivityScenarioTest {
  static final String NS = "lightning-activity";
  static final List<String> NODES = List.of("xena", "yuri", "zoe");
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
    // An activity left behind by a failed run would make payments under the next test class's operator.
    client.resources(LightningActivity.class).inNamespace(NS).delete();
    if (operator != null) {
      operator.close();
    }
  }

  static LightningActivity activity() {
    return client.resources(LightningActivity.class).inNamespace(NS).withName("load").get();
  }

  /** lnd as an application reaches it: through the node's connection Secret. */
  static LndNode lnd(String name) {
    return ApplicationLnd.of(client, NS, name);
  }


  @Test
  void aMinuteOfPaymentsAmongThreeNodesReportsTheSuccessRateLndLists() throws Exception {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: chain}
        spec: {replicas: 1, implementation: btcd, chain: regtest, mining: {initialBlocks: 101}}
        """);
    for (String node : NODES) {
      yaml.append("""
          ---
          apiVersion: blockyard.io/v1alpha1
          kind: LightningNode
          metadata: {name: %s, labels: {load: "yes"}}
          spec: {network: chain, extraArgs: [--trickledelay=50]}
          """.formatted(node));
    }
    // A line xena - yuri - zoe. Zoe starts with nothing to spend: her first payments fail (insufficient_balance)
    // until she has been paid, so the success rate has something to match.
    yaml.append("""
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: xena-yuri}
        spec: {from: xena, to: {node: yuri}, capacitySat: 1000000, pushSat: 400000, fund: true}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: yuri-zoe}
        spec: {from: yuri, to: {node: zoe}, capacitySat: 1000000, fund: true}
        """);
    TestNodes.apply(client, NS, yaml.toString());
    await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      for (String name : List.of("xena-yuri", "yuri-zoe")) {
        LightningChannel c = client.resources(LightningChannel.class).inNamespace(NS).withName(name).get();
        assertThat(Conditions.isTrue(c.getStatus().getConditions(), "Routable")).as("%s: %s", name,
            c.getStatus().getConditions()).isTrue();
      }
    });

    // The API server's own counters: every status write the operator made, whatever it logged.
    ApiRequestCounts before = ApiRequestCounts.read(client);
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: LightningActivity
        metadata: {name: load}
        spec:
          selector: {matchLabels: {load: "yes"}}
          paymentsPerMinute: 60
          amountSat: {minSat: 1000, maxSat: 5000}
        """);
    await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() ->
        assertThat(Conditions.isTrue(activity().getStatus().getConditions(), LightningActivityStatus.RUNNING))
            .as("%s", activity().getStatus()).isTrue());
    Thread.sleep(60_000);
    // A merge patch of the spec alone: the operator writes the status meanwhile, so an edit of what was read would
    // conflict with it.
    client.resources(LightningActivity.class).inNamespace(NS).withName("load").patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        "{\"spec\": {\"paused\": true}}");
    // Paused, and the last payment counted: the status stops moving.
    AtomicReference<Long> lastAttempted = new AtomicReference<>(-1L);
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(7)).ignoreExceptions()
        .untilAsserted(() -> {
          LightningActivity a = activity();
          long attempted = a.getStatus().getAttempted();
          long previous = lastAttempted.getAndSet(attempted);
          assertThat(Conditions.find(a.getStatus().getConditions(), LightningActivityStatus.RUNNING).orElseThrow()
              .getReason()).isEqualTo("Paused");
          assertThat(attempted).isEqualTo(previous);
        });
    long statusWrites = ApiRequestCounts.read(client).since(before).entrySet().stream()
        .filter(e -> e.getKey().endsWith(" lightningactivities/status")
            && ApiRequestCounts.WRITES.contains(ApiRequestCounts.verb(e.getKey())))
        .mapToLong(e -> e.getValue()).sum();
    System.out.printf("status writes while the activity ran: %d%n", statusWrites);
    // 60 s and the pause at most one every 5 s, plus the first one and the pause's own: never one per payment.
    assertThat(statusWrites).isBetween(5L, 20L);

    LightningActivityStatus status = activity().getStatus();
    List<PaymentRecord> listed = new ArrayList<>();
    for (String node : NODES) {
      listed.addAll(lnd(node).listPayments());
    }
    long lndSucceeded = listed.stream().filter(PaymentRecord::succeeded).count();
    long ours = status.getFailures().entrySet().stream()
        .filter(e -> !PaymentFailures.LND_REASONS.contains(e.getKey())).mapToLong(e -> e.getValue()).sum();
    System.out.printf("activity status: %s, success rate %s, p50 %s ms, p95 %s ms, fees %s msat; "
            + "lnd lists %d payments, %d succeeded%n", status, status.getSuccessRate(), status.getLatencyP50Ms(),
        status.getLatencyP95Ms(), status.getFeesPaidMsat(), listed.size(), lndSucceeded);
    assertThat(status.getAttempted()).as("about one a second for 60 s").isGreaterThanOrEqualTo(20);
    assertThat(status.getSucceeded()).isEqualTo(lndSucceeded);
    assertThat(status.getAttempted() - ours).as("every payment lnd took is one lnd lists").isEqualTo(listed.size());
    assertThat(status.getSuccessRate()).isCloseTo((double) lndSucceeded / status.getAttempted(),
        org.assertj.core.data.Offset.offset(0.0001));
    assertThat(status.getSucceeded() + status.getFailed()).isEqualTo(status.getAttempted());
    assertThat(status.getLatencyP50Ms()).isPositive();
    assertThat(status.getLatencyP95Ms()).isGreaterThanOrEqualTo(status.getLatencyP50Ms());
    // Payments between xena and zoe cross yuri and pay its fee.
    assertThat(status.getFeesPaidMsat()).isEqualTo(listed.stream().filter(PaymentRecord::succeeded)
        .mapToLong(PaymentRecord::feeMsat).sum());
    assertThat(status.getNodes()).containsExactlyElementsOf(NODES);

    String shown = KubectlBlockyardPlugin.run(bed, "activity", "load", "-n", NS);
    System.out.println(shown);
    assertThat(shown).contains(status.getAttempted() + " attempted, " + status.getSucceeded() + " succeeded");

    client.resources(LightningActivity.class).inNamespace(NS).withName("load").delete();
    await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(activity()).isNull());
  }
}
