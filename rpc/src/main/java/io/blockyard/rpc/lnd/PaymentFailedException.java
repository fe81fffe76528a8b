package io.blockyard.rpc.lnd;

import io.blockyard.rpc.RpcException;

/**
 * lnd tried a payment and gave it up: its final update said {@code FAILED}, for a reason (no route, insufficient
 * balance, timeout, ...).
 */
public final class PaymentFailedException extends RpcException {

  private final String paymentError;

  public PaymentFailedException(String endpoint, String paymentError) {
    super(endpoint, "lnd at " + endpoint + " could not pay the invoice: " + paymentError, null);
    this.paymentError = paymentError;
  }

  /**
   * lnd's failure reason in the words of its payment errors: {@code no_route} for routerrpc's
   * {@code FAILURE_REASON_NO_ROUTE}, {@code insufficient_balance}, {@code timeout}, {@code error},
   * {@code incorrect_payment_details}, {@code canceled}.
   */
  public String paymentError() {
    return paymentError;
  }
}
