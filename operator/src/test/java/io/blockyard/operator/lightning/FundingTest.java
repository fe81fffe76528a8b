package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blockyard.api.bitcoin.Chain;
import org.junit.jupiter.api.Test;

class FundingTest {
  @Test
  void regtestHalvesEvery150Blocks() {
    assertThat(Funding.subsidyAt(Chain.REGTEST, 0)).isEqualTo(5_000_000_000L);
    assertThat(Funding.subsidyAt(Chain.REGTEST, 149)).isEqualTo(5_000_000_000L);
    assertThat(Funding.subsidyAt(Chain.REGTEST, 150)).isEqualTo(2_500_000_000L);
    assertThat(Funding.subsidyAt(Chain.REGTEST, 150 * 64)).isZero();
    assertThat(Funding.subsidyAt(Chain.SIMNET, 150)).isEqualTo(5_000_000_000L);
  }

  @Test
  void oneBlockFundsAChannelEarlyOnAndMoreAfterManyHalvings() {
    assertThat(Funding.blocksToMine(Chain.REGTEST, 102, Funding.needed(1_000_000))).isEqualTo(1);
    // At height 1500 (10 halvings) a block pays 4,882,812 sat: a 16,777,215 sat channel needs 4 blocks.
    assertThat(Funding.blocksToMine(Chain.REGTEST, 1500, Funding.needed(16_777_215))).isEqualTo(4);
    assertThat(Funding.blocksToMine(Chain.REGTEST, 150 * 40, 1_000_000)).isEqualTo(-1);
  }

  @Test
  void btcdsTestChainsActivateSegwitByVoteCoreHasItFromTheStart() {
    assertThat(Funding.segwitActiveHeight(io.blockyard.api.bitcoin.Implementation.BTCD, Chain.REGTEST)).isEqualTo(432);
    assertThat(Funding.segwitActiveHeight(io.blockyard.api.bitcoin.Implementation.BTCD, Chain.SIMNET)).isEqualTo(300);
    assertThat(Funding.segwitActiveHeight(io.blockyard.api.bitcoin.Implementation.BITCOIND, Chain.REGTEST)).isZero();
  }

  @Test
  void chainsThatCannotMineOnDemandHaveNoSubsidyHere() {
    assertThatThrownBy(() -> Funding.subsidyAt(Chain.MAINNET, 1)).hasMessageContaining("does not mine on demand");
  }
}
