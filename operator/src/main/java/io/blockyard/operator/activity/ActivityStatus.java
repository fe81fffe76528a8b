package io.blockyard.operator.activity;

import io.blockyard.api.lightning.LightningActivity;
import io.blockyard.api.lightning.LightningActivityStatus;
import io.blockyard.operator.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An activity's status from its counts and which of its nodes are ready. Pure. */
final class ActivityStatus {
  static final String PAYING = "Paying";
  static final String PAUSED = "Paused";
  static final String NODES_NOT_READY = "NodesNotReady";

  private ActivityStatus() {}

  /**
   * @param members the LightningNodes the activity names or selects
   * @param pairs the pairs among its ready nodes
   */
  static LightningActivityStatus of(LightningActivity activity, PaymentTally.Counts counts, List<String> members,
      PaymentPairs pairs, Instant now) {
    LightningActivityStatus previous = activity.getStatus() == null ? new LightningActivityStatus()
        : activity.getStatus();
    LightningActivityStatus status = new LightningActivityStatus();
    long generation = activity.getMetadata().getGeneration() == null ? 0 : activity.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setAttempted(counts.attempted());
    status.setSucceeded(counts.succeeded());
    status.setFailed(counts.failed());
    status.setSuccessRate(counts.attempted() == 0 ? null
        : Math.round(10_000.0 * counts.succeeded() / counts.attempted()) / 10_000.0);
    status.setFeesPaidMsat(counts.feesPaidMsat());
    status.setAmountPaidSat(counts.amountPaidSat());
    status.setFailures(counts.failures());
    if (counts.latenciesMs().isEmpty()) {
      // After an operator restart the window starts empty: what was measured before still stands.
      status.setLatencyP50Ms(previous.getLatencyP50Ms());
      status.setLatencyP95Ms(previous.getLatencyP95Ms());
      status.setLatencyWindow(previous.getLatencyWindow());
    } else {
      status.setLatencyP50Ms(percentile(counts.latenciesMs(), 50));
      status.setLatencyP95Ms(percentile(counts.latenciesMs(), 95));
      status.setLatencyWindow("last " + counts.latenciesMs().size() + " successful payments");
    }
    status.setNodes(new ArrayList<>(members));
    status.setConditions(List.of(running(activity, members, pairs, previous, generation, now)));
    return status;
  }

  private static io.fabric8.kubernetes.api.model.Condition running(LightningActivity activity, List<String> members,
      PaymentPairs pairs, LightningActivityStatus previous, long generation, Instant now) {
    String type = LightningActivityStatus.RUNNING;
    if (Boolean.TRUE.equals(activity.getSpec().getPaused())) {
      return Conditions.of(previous.getConditions(), type, false, PAUSED,
          "spec.paused is true: no payments are made (the counts are kept); set it to false to go on", generation,
          now);
    }
    if (pairs.usable().isEmpty()) {
      List<String> notReady = members.stream().filter(m -> !pairs.ready().contains(m)).toList();
      return Conditions.of(previous.getConditions(), type, false, NODES_NOT_READY,
          (members.isEmpty() ? "no LightningNode is named or selected"
              : "no pair of ready LightningNodes to pay between; not ready: " + String.join(", ", notReady))
              + " (payments start once a source and a destination are Ready)", generation, now);
    }
    return Conditions.of(previous.getConditions(), type, true, PAYING, "paying " + activity.getSpec()
        .getPaymentsPerMinute() + " times a minute among " + String.join(", ", pairs.ready()), generation, now);
  }

  /** Nearest-rank percentile of a non-empty list. */
  static long percentile(List<Long> values, int percent) {
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
