package io.blockyard.operator.activity;

import io.blockyard.api.lightning.AmountRange;
import io.blockyard.api.lightning.LightningActivityStatus;
import io.blockyard.api.lightning.PaymentPair;
import io.blockyard.operator.lightning.LndClients;
import io.blockyard.rpc.RpcException;
import io.blockyard.rpc.lnd.AddedInvoice;
import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.Payment;
import io.blockyard.rpc.lnd.PaymentFailedException;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one activity's payments, one at a time, at the planned rate: the destination makes an invoice, the source
 * pays it, both through the node reconciler's lnd clients. Its plan is replaced by each reconcile; it stops when the
 * activity is deleted.
 */
final class PaymentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentRunner.class);
  /** How often a paused or blocked runner looks at its plan again. */
  static final Duration IDLE_CHECK = Duration.ofSeconds(1);

  /** What to do now: set by the reconciler, read by the payment thread. */
  record Plan(String namespace, String activity, PaymentPairs pairs, Duration interval, AmountRange amount,
      boolean paused) {}

  private final ScheduledExecutorService scheduler;
  private final LndClients lndClients;
  private final PaymentTally tally;
  // Amounts and random pairs: load, not secrets.
  private final SplittableRandom random = new SplittableRandom();
  private volatile Plan plan;
  private volatile boolean stopped;
  private volatile java.time.Instant lastStatusWrite = java.time.Instant.EPOCH;
  private long made;

  PaymentRunner(ScheduledExecutorService scheduler, LndClients lndClients, PaymentTally tally) {
    this.scheduler = scheduler;
    this.lndClients = lndClients;
    this.tally = tally;
  }

  PaymentRunner start(Plan first) {
    plan = first;
    scheduler.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    return this;
  }

  void plan(Plan next) {
    plan = next;
  }

  void stop() {
    stopped = true;
  }

  PaymentTally.Counts counts() {
    return tally.counts();
  }

  /** Whether a status write is due: at most one every {@code every}. */
  boolean statusWriteDue(java.time.Instant now, Duration every) {
    return !lastStatusWrite.plus(every).isAfter(now);
  }

  Duration untilStatusWrite(java.time.Instant now, Duration every) {
    Duration left = Duration.between(now, lastStatusWrite.plus(every));
    return left.isNegative() ? Duration.ZERO : left;
  }

  void statusWritten(java.time.Instant now) {
    lastStatusWrite = now;
  }

  private void tick() {
    if (stopped) {
      return;
    }
    long started = System.nanoTime();
    Duration next = IDLE_CHECK;
    try {
      Plan now = plan;
      if (!now.paused() && payOnce(now)) {
        next = now.interval().minusNanos(System.nanoTime() - started);
      }
    } catch (RuntimeException e) {
      LOG.warn("activity payment failed unexpectedly: {}", e.toString());
    } finally {
      if (!stopped) {
        scheduler.schedule(this::tick, Math.max(0, next.toMillis()), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** One payment; false when no pair could pay (nothing was attempted). */
  private boolean payOnce(Plan now) {
    Optional<PaymentPair> pair = now.pairs().next(made, random);
    if (pair.isEmpty()) {
      return false;
    }
    Optional<LndNode> from = lndClients.admin(LndClients.key(now.namespace(), pair.get().getFrom()));
    Optional<LndNode> to = lndClients.admin(LndClients.key(now.namespace(), pair.get().getTo()));
    if (from.isEmpty() || to.isEmpty()) {
      return false;
    }
    made++;
    long amount = now.amount().getMinSat() + random.nextLong(now.amount().getMaxSat() - now.amount().getMinSat() + 1);
    AddedInvoice invoice;
    try {
      invoice = to.get().addInvoice(amount, "blockyard activity " + now.activity());
    } catch (RpcException e) {
      tally.failed(LightningActivityStatus.INVOICE_FAILED);
      return true;
    }
    long sent = System.nanoTime();
    try {
      Payment paid = from.get().payInvoice(invoice.paymentRequest());
      tally.succeeded(Duration.ofNanos(System.nanoTime() - sent).toMillis(), paid.feeMsat(), amount);
    } catch (PaymentFailedException e) {
      tally.failed(PaymentFailures.reason(e.paymentError()));
    } catch (LndErrorException e) {
      tally.failed(LightningActivityStatus.LND_ERROR);
    } catch (RpcException e) {
      tally.failed(LightningActivityStatus.UNREACHABLE);
    }
    return true;
  }
}
