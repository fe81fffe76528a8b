package io.blockyard.rpc.lnd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What payInvoice asks of SendPaymentV2, and how it names lnd's failure reasons; without an lnd. */
class PaymentLimitsTest {

  @Test
  void feeLimitIsLndsDefaultAllOfASmallAmountFivePercentAbove() {
    assertThat(LndNode.defaultFeeLimitMsat(0)).isZero();
    assertThat(LndNode.defaultFeeLimitMsat(500_000)).isEqualTo(500_000);
    assertThat(LndNode.defaultFeeLimitMsat(1_000_000)).isEqualTo(1_000_000);
    assertThat(LndNode.defaultFeeLimitMsat(1_000_001)).isEqualTo(50_000);
    assertThat(LndNode.defaultFeeLimitMsat(5_000_000)).isEqualTo(250_000);
  }

  @Test
  void routerReasonsBecomeTheWordsOfLndsPaymentErrors() {
    assertThat(LndNode.failureReason("FAILURE_REASON_NO_ROUTE")).isEqualTo("no_route");
    assertThat(LndNode.failureReason("FAILURE_REASON_INSUFFICIENT_BALANCE")).isEqualTo("insufficient_balance");
    assertThat(LndNode.failureReason("FAILURE_REASON_INCORRECT_PAYMENT_DETAILS"))
        .isEqualTo("incorrect_payment_details");
    assertThat(LndNode.failureReason("FAILURE_REASON_TIMEOUT")).isEqualTo("timeout");
    assertThat(LndNode.failureReason("FAILURE_REASON_CANCELED")).isEqualTo("canceled");
    assertThat(LndNode.failureReason("")).isEqualTo("error");
  }
}
