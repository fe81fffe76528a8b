package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The addresses the reconciler offers a node to mine to, the one it accepts being kept. */
class MiningAddressCandidatesTest {

  @Test
  void regtestOffersCoresVersionByteFirstThenBcoins() throws Exception {
    List<String> candidates = MiningAddress.candidates(TestNetworks.bitcoind());

    assertThat(candidates).hasSize(2);
    assertThat(candidates.get(0)).isEqualTo(MiningAddress.of(TestNetworks.bitcoind()));
    byte[] core = MiningAddressTest.decodeChecked(candidates.get(0));
    byte[] bcoin = MiningAddressTest.decodeChecked(candidates.get(1));
    assertThat(core[0]).isEqualTo((byte) 0x6f);
    assertThat(bcoin[0]).isEqualTo((byte) 0x3c);
    assertThat(Arrays.copyOfRange(bcoin, 1, 21)).as("same key hash").isEqualTo(Arrays.copyOfRange(core, 1, 21));
  }

  @Test
  void simnetHasOnlyBtcdsAddress() {
    var simnet = TestNetworks.network("net", Implementation.BTCD, Chain.SIMNET);

    assertThat(MiningAddress.candidates(simnet)).containsExactly(MiningAddress.of(simnet));
  }

  @Test
  void noCandidatesWhereBlocksCannotBeMinedOnDemand() {
    assertThat(MiningAddress.candidates(TestNetworks.network("net", Implementation.BITCOIND, Chain.TESTNET)))
        .isEmpty();
    assertThat(MiningAddress.candidates(TestNetworks.withUid(TestNetworks.bitcoind(), null))).isEmpty();
  }
}
