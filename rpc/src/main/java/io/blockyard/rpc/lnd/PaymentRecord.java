package io.blockyard.rpc.lnd;

/**
 * A payment as lnd's own payment list has it ({@code lncli listpayments}).
 *
 * @param status lnd's {@code status}: {@code SUCCEEDED}, {@code FAILED}, {@code IN_FLIGHT} or {@code INITIATED}
 * @param failureReason lnd's {@code failure_reason}, {@code FAILURE_REASON_NONE} unless it failed
 */
public record PaymentRecord(String paymentHashHex, String status, long valueSat, long feeMsat, String failureReason) {
  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }
}
