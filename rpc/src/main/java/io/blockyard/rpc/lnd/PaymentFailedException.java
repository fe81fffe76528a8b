package io.blockyard.rpc.lnd;

import io.blockyard.rpc.RpcException;

/**
 * lnd answered a payment call with HTTP 200 but a non-empty {@code payment_error}: the payment
 * did not go through (no route, insufficient balance, invoice already paid, ...).
 */
public final class PaymentFailedException extends RpcException {

  private final String paymentError;

  public PaymentFailedException(String endpoint, String paymentError) {
    super(endpoint, "lnd at " + endpoint + " could not pay the invoice: " + paymentError, null);
    this.paymentError = paymentError;
  }

  /** lnd's {@code payment_error}, verbatim. */
  public String paymentError() {
    return paymentError;
  }
}
