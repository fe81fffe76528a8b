package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test fixture's address encoder against independently computed Base58Check values. */
class RegtestAddressTest {

  @Test
  void encodesKnownAddresses() {
    assertThat(RegtestAddress.p2pkh(0x6f, 0)).isEqualTo("mfWxJ45yp2SFn7UciZyNpvDKrzbhyfKrY8");
    assertThat(RegtestAddress.p2pkh(0x3c, 0)).isEqualTo("R9HC5WtHbpoa51NCUAz86XLCmGTbkf45NT");
  }
}
