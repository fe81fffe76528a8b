package io.blockyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.lightning.AmountRange;
import io.blockyard.api.lightning.LightningActivity;
import io.blockyard.api.lightning.LightningActivityStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityCommandTest {
  @Test
  void showsCountsRateFeesLatenciesAndFailuresByReason() {
    LightningActivity a = new LightningActivity();
    a.setMetadata(new ObjectMetaBuilder().withName("load").withNamespace("ln").build());
    a.getSpec().setNodes(List.of("a", "b", "c"));
    a.getSpec().setPaymentsPerMinute(60);
    a.getSpec().setAmountSat(new AmountRange(100, 5000));
    LightningActivityStatus s = new LightningActivityStatus();
    s.setAttempted(60L);
    s.setSucceeded(57L);
    s.setFailed(3L);
    s.setSuccessRate(0.95);
    s.setAmountPaidSat(140_000L);
    s.setFeesPaidMsat(12_345L);
    s.setLatencyP50Ms(180L);
    s.setLatencyP95Ms(420L);
    s.setLatencyWindow("last 57 successful payments");
    s.setFailures(Map.of("no_route", 2L, "insufficient_balance", 1L));
    s.setNodes(List.of("a", "b", "c"));
    s.setConditions(List.of(new ConditionBuilder().withType("Running").withStatus("True").withReason("Paying")
        .withMessage("paying 60 times a minute among a, b, c").build()));
    a.setStatus(s);
    assertThat(ActivityCommand.render(a).lines().toList()).containsExactly(
        "Activity:   ln/load",
        "Plan:       60 a minute, 100 to 5000 sat, random pairs",
        "Nodes:      a, b, c",
        "Payments:   60 attempted, 57 succeeded, 3 failed (95.0% success)",
        "Paid:       140000 sat, fees 12.345 sat",
        "Latency:    p50 180 ms, p95 420 ms (last 57 successful payments)",
        "Failures:   no_route 2, insufficient_balance 1",
        "Running     True  Paying         paying 60 times a minute among a, b, c");
  }
}
