package io.blockyard.operator.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.lightning.AmountRange;
import io.blockyard.api.lightning.LightningActivity;
import io.blockyard.api.lightning.LightningActivityStatus;
import io.blockyard.api.lightning.PaymentPair;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ActivityStatusTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  static LightningActivity activity(boolean paused) {
    LightningActivity a = new LightningActivity();
    a.setMetadata(new ObjectMetaBuilder().withName("load").withNamespace("ns").withGeneration(3L).build());
    a.getSpec().setNodes(List.of("a", "b", "c"));
    a.getSpec().setPaymentsPerMinute(60);
    a.getSpec().setAmountSat(new AmountRange(10, 100));
    a.getSpec().setPaused(paused);
    a.setStatus(null);
    return a;
  }

  @Test
  void countsRateFeesAndLatencyPercentilesComeFromTheTally() {
    PaymentTally tally = new PaymentTally();
    LongStream.rangeClosed(1, 100).forEach(ms -> tally.succeeded(ms, 1000, 50));
    tally.failed("no_route");
    tally.failed("no_route");
    tally.failed("insufficient_balance");
    LightningActivityStatus status = ActivityStatus.of(activity(false), tally.counts(), List.of("a", "b", "c"),
        new PaymentPairs(List.of("a", "b", "c"), null), NOW);
    assertThat(status.getAttempted()).isEqualTo(103);
    assertThat(status.getSucceeded()).isEqualTo(100);
    assertThat(status.getFailed()).isEqualTo(3);
    assertThat(status.getSuccessRate()).isEqualTo(0.9709);
    assertThat(status.getFeesPaidMsat()).isEqualTo(100_000);
    assertThat(status.getAmountPaidSat()).isEqualTo(5000);
    assertThat(status.getFailures()).containsOnly(Map.entry("insufficient_balance", 1L), Map.entry("no_route", 2L));
    assertThat(status.getLatencyP50Ms()).isEqualTo(50);
    assertThat(status.getLatencyP95Ms()).isEqualTo(95);
    assertThat(status.getLatencyWindow()).isEqualTo("last 100 successful payments");
    assertThat(status.getConditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("Running");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("Paying");
      assertThat(c.getObservedGeneration()).isEqualTo(3);
    });
  }

  @Test
  void theLatencyWindowKeepsOnlyTheMostRecentPayments() {
    PaymentTally tally = new PaymentTally();
    LongStream.rangeClosed(1, 250).forEach(ms -> tally.succeeded(ms, 0, 1));
    assertThat(tally.counts().latenciesMs()).hasSize(PaymentTally.LATENCY_WINDOW).first().isEqualTo(151L);
  }

  @Test
  void aRestartedOperatorGoesOnFromTheCountsInStatus() {
    LightningActivity activity = activity(false);
    LightningActivityStatus before = new LightningActivityStatus();
    before.setAttempted(10L);
    before.setSucceeded(8L);
    before.setFailed(2L);
    before.setFeesPaidMsat(5L);
    before.setFailures(Map.of("no_route", 2L));
    before.setLatencyP50Ms(40L);
    before.setLatencyP95Ms(90L);
    before.setLatencyWindow("last 8 successful payments");
    activity.setStatus(before);
    PaymentTally tally = PaymentTally.from(before);
    tally.failed("no_route");
    LightningActivityStatus status = ActivityStatus.of(activity, tally.counts(), List.of("a", "b"),
        new PaymentPairs(List.of("a", "b"), null), NOW);
    assertThat(status.getAttempted()).isEqualTo(11);
    assertThat(status.getFailures()).containsEntry("no_route", 3L);
    assertThat(status.getLatencyP95Ms()).as("no new sample yet: the old one stands").isEqualTo(90);
    assertThat(status.getSuccessRate()).isEqualTo(0.7273);
  }

  @Test
  void pausedAndTooFewReadyNodesSaySoInRunning() {
    PaymentTally.Counts none = new PaymentTally().counts();
    assertThat(ActivityStatus.of(activity(true), none, List.of("a", "b", "c"),
        new PaymentPairs(List.of("a", "b", "c"), null), NOW).getConditions().get(0))
        .satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("Paused");
        });
    LightningActivityStatus waiting = ActivityStatus.of(activity(false), none, List.of("a", "b", "c"),
        new PaymentPairs(List.of("a"), null), NOW);
    assertThat(waiting.getSuccessRate()).isNull();
    assertThat(waiting.getConditions().get(0)).satisfies(c -> {
      assertThat(c.getReason()).isEqualTo("NodesNotReady");
      assertThat(c.getMessage()).contains("not ready: b, c");
    });
  }

  @Test
  void randomPairsAreTwoDifferentReadyNodesAndFixedOnesGoInTurn() {
    PaymentPairs random = new PaymentPairs(List.of("a", "b", "c"), null);
    assertThat(random.usable()).hasSize(6);
    SplittableRandom generator = new SplittableRandom(1);
    for (int i = 0; i < 50; i++) {
      PaymentPair p = random.next(i, generator).orElseThrow();
      assertThat(p.getFrom()).isNotEqualTo(p.getTo());
    }
    PaymentPairs fixed = new PaymentPairs(List.of("a", "b", "c"), List.of(new PaymentPair("a", "b"),
        new PaymentPair("c", "a"), new PaymentPair("a", "d")));
    assertThat(fixed.usable()).as("d is not ready").containsExactly(new PaymentPair("a", "b"),
        new PaymentPair("c", "a"));
    assertThat(List.of(fixed.next(0, generator), fixed.next(1, generator), fixed.next(2, generator)))
        .extracting(o -> o.orElseThrow().toString()).containsExactly("a->b", "c->a", "a->b");
    assertThat(new PaymentPairs(List.of("a"), null).next(0, generator)).isEmpty();
  }

  @Test
  void lndsReasonsAreKeptAndAnythingElseIsAnLndError() {
    assertThat(PaymentFailures.reason("no_route")).isEqualTo("no_route");
    assertThat(PaymentFailures.reason("insufficient_balance")).isEqualTo("insufficient_balance");
    assertThat(PaymentFailures.reason("invoice is already paid")).isEqualTo("lnd_error");
  }

  @Test
  void labelSelectorsMatchLikeTheApiServer() {
    var selector = new LabelSelectorBuilder().addToMatchLabels("team", "load")
        .addNewMatchExpression().withKey("tier").withOperator("In").withValues("edge", "hub").endMatchExpression()
        .addNewMatchExpression().withKey("skip").withOperator("DoesNotExist").endMatchExpression().build();
    assertThat(LabelSelectors.matches(selector, Map.of("team", "load", "tier", "hub"))).isTrue();
    assertThat(LabelSelectors.matches(selector, Map.of("team", "load", "tier", "core"))).isFalse();
    assertThat(LabelSelectors.matches(selector, Map.of("team", "load", "tier", "edge", "skip", ""))).isFalse();
    assertThat(LabelSelectors.matches(selector, null)).isFalse();
  }
}
