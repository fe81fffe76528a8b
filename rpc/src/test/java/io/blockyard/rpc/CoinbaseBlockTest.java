package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Coinbase and header serialization, without a node. */
class CoinbaseBlockTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void headerOfTheRegtestGenesisBlockHashesToItsKnownHash() {
    byte[] header = CoinbaseBlock.header(1, new byte[32],
        CoinbaseBlock.reverse(HEX.parseHex("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b")),
        1296688602L, 0x207fffffL, 2);

    assertThat(header).hasSize(80);
    assertThat(HEX.formatHex(CoinbaseBlock.reverse(CoinbaseBlock.doubleSha256(header))))
        .isEqualTo("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
  }

  @ParameterizedTest
  @CsvSource({"0, 00", "1, 51", "16, 60", "17, 0111", "127, 017f", "128, 028000", "255, 02ff00",
      "256, 020001", "32767, 02ff7f", "32768, 03008000", "500000, 0320a107"})
  void heightIsPushedTheWayBitcoinCoreDoes(long height, String push) {
    assertThat(HEX.formatHex(CoinbaseBlock.heightPush(height))).isEqualTo(push);
  }

  @Test
  void coinbaseTransactionHasTheExpectedLayout() {
    byte[] script = HEX.parseHex("0014751e76e8199196d454941c45d1b3a323f1433bd6");

    byte[] tx = CoinbaseBlock.coinbaseTransaction(200, HEX.parseHex("0102030405060708"), 2_500_000_000L, script);

    assertThat(HEX.formatHex(tx)).isEqualTo("01000000" // version 1
        + "01" + "00".repeat(32) + "ffffffff" // one input, null prevout
        + "0c" + "02c800" + "08" + "0102030405060708" + "ffffffff" // scriptSig: height 200, extra nonce
        + "01" + "00f9029500000000" // one output of 25 BTC
        + "16" + "0014751e76e8199196d454941c45d1b3a323f1433bd6"
        + "00000000"); // locktime
  }

  @Test
  void solvedBlockMeetsItsTargetAndCommitsToTheCoinbase() {
    String previous = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";
    byte[] script = HEX.parseHex("a914cd7b44d0b03f2d026d1e586d7ae18903b0d385f687");

    CoinbaseBlock block = CoinbaseBlock.solve(previous, 1, 1_800_000_000L, 0x207fffffL,
        TestChain.REGTEST.subsidy(1), script, new byte[] {1, 2, 3, 4});

    byte[] raw = HEX.parseHex(block.hex());
    byte[] header = Arrays.copyOf(raw, 80);
    byte[] coinbase = Arrays.copyOfRange(raw, 81, raw.length);
    assertThat(raw[80]).isEqualTo((byte) 1);
    assertThat(coinbase).isEqualTo(CoinbaseBlock.coinbaseTransaction(1, new byte[] {1, 2, 3, 4},
        5_000_000_000L, script));
    assertThat(HEX.formatHex(header, 0, 4)).isEqualTo("07000020"); // 0x20000007, little-endian
    assertThat(HEX.formatHex(CoinbaseBlock.reverse(Arrays.copyOfRange(header, 4, 36)))).isEqualTo(previous);
    assertThat(Arrays.copyOfRange(header, 36, 68)).isEqualTo(CoinbaseBlock.doubleSha256(coinbase));
    assertThat(HEX.formatHex(header, 68, 76)).isEqualTo("00d2496bffff7f20"); // time, bits
    byte[] hash = CoinbaseBlock.reverse(CoinbaseBlock.doubleSha256(header));
    assertThat(HEX.formatHex(hash)).isEqualTo(block.hash());
    assertThat(new BigInteger(1, hash)).isLessThanOrEqualTo(CoinbaseBlock.target(0x207fffffL));
  }

  @Test
  void compactBitsExpandToTheirTarget() {
    assertThat(CoinbaseBlock.target(0x207fffffL))
        .isEqualTo(new BigInteger("7fffff" + "00".repeat(29), 16));
    assertThat(CoinbaseBlock.target(0x1d00ffffL))
        .isEqualTo(new BigInteger("ffff" + "00".repeat(26), 16));
  }

  @Test
  void subsidyHalvesAtEachChainsInterval() {
    assertThat(TestChain.REGTEST.subsidy(149)).isEqualTo(5_000_000_000L);
    assertThat(TestChain.REGTEST.subsidy(150)).isEqualTo(2_500_000_000L);
    assertThat(TestChain.REGTEST.subsidy(450)).isEqualTo(625_000_000L);
    assertThat(TestChain.REGTEST.subsidy(150L * 64)).isZero();
    assertThat(TestChain.SIMNET.subsidy(209_999)).isEqualTo(5_000_000_000L);
    assertThat(TestChain.SIMNET.subsidy(210_000)).isEqualTo(2_500_000_000L);
    assertThat(TestChain.named("simnet")).isEqualTo(TestChain.SIMNET);
    assertThatThrownBy(() -> TestChain.named("mainnet"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mainnet");
  }
}
