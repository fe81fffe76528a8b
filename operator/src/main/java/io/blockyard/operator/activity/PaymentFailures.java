package io.blockyard.operator.activity;

import io.blockyard.api.lightning.LightningActivityStatus;
import java.util.Locale;
import java.util.Set;

/** The reason a payment failed, as counted in an activity's status. Pure. */
final class PaymentFailures {
  /** lnd's payment failure reasons, in the words of its payment errors ({@code FAILURE_REASON_NO_ROUTE} is no_route). */
  static final Set<String> LND_REASONS = Set.of("timeout", "no_route", "error", "incorrect_payment_details",
      "insufficient_balance", "canceled");

  private PaymentFailures() {}

  /** lnd's reason when it gave one of its own, else {@code lnd_error} (lnd said something else). */
  static String reason(String paymentError) {
    String reason = paymentError == null ? "" : paymentError.trim().toLowerCase(Locale.ROOT);
    return LND_REASONS.contains(reason) ? reason : LightningActivityStatus.LND_ERROR;
  }
}
