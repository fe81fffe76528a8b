package io.blockyard.operator.activity;

import io.blockyard.api.lightning.LightningActivityStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An activity's running counts, added to by its payment thread and read by its reconciler; it starts from the last
 * status written, so an operator restart goes on counting. Thread-safe.
 */
final class PaymentTally {
  /** Latencies are over this many of the most recent successful payments. */
  static final int LATENCY_WINDOW = 100;

  /** The counts at one moment; {@code latenciesMs} holds the recent window, oldest first. */
  record Counts(long attempted, long succeeded, long failed, long feesPaidMsat, long amountPaidSat,
      Map<String, Long> failures, List<Long> latenciesMs) {}

  private long attempted;
  private long succeeded;
  private long failed;
  private long feesPaidMsat;
  private long amountPaidSat;
  private final Map<String, Long> failures = new TreeMap<>();
  private final Deque<Long> latenciesMs = new ArrayDeque<>();

  /** The counts a status says were reached (zero for a new activity). */
  static PaymentTally from(LightningActivityStatus status) {
    PaymentTally tally = new PaymentTally();
    if (status != null) {
      tally.attempted = orZero(status.getAttempted());
      tally.succeeded = orZero(status.getSucceeded());
      tally.failed = orZero(status.getFailed());
      tally.feesPaidMsat = orZero(status.getFeesPaidMsat());
      tally.amountPaidSat = orZero(status.getAmountPaidSat());
      tally.failures.putAll(status.getFailures());
    }
    return tally;
  }

  synchronized void succeeded(long latencyMs, long feeMsat, long amountSat) {
    attempted++;
    succeeded++;
    feesPaidMsat += feeMsat;
    amountPaidSat += amountSat;
    latenciesMs.addLast(latencyMs);
    if (latenciesMs.size() > LATENCY_WINDOW) {
      latenciesMs.removeFirst();
    }
  }

  synchronized void failed(String reason) {
    attempted++;
    failed++;
    failures.merge(reason, 1L, Long::sum);
  }

  synchronized Counts counts() {
    return new Counts(attempted, succeeded, failed, feesPaidMsat, amountPaidSat, Map.copyOf(failures),
        List.copyOf(new ArrayList<>(latenciesMs)));
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
