package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blockyard.api.bitcoin.Implementation;
import org.junit.jupiter.api.Test;

/** Choosing the dialect by name, and the dialects' reading of harmless errors. */
class DialectChoiceTest {

  private static final RpcEndpoint ANY = RpcEndpoint.http("127.0.0.1", 1);

  @Test
  void namesPickTheirDialect() {
    assertThat(BitcoinNode.connect(Implementation.BTCD, ANY)).isInstanceOf(BtcdDialect.class);
    assertThat(BitcoinNode.connect(Implementation.BITCOIND, ANY)).isInstanceOf(BitcoinCoreDialect.class);
    assertThat(Implementation.named(" BTCD ")).isEqualTo(Implementation.BTCD);
    assertThat(BitcoinNode.connect(Implementation.BITCOIND, ANY).implementation())
        .isEqualTo(Implementation.BITCOIND);
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Implementation.named("bcash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bcash").hasMessageContaining("bitcoind, btcd");
  }

  @Test
  void btcdHarmlessAnswersAreKnownByCodeAndMessage() {
    assertThat(BtcdDialect.is(new NodeErrorException(ANY.display(), "addnode", -8,
        "peer already connected"), BtcdDialect.ALREADY_CONNECTED)).isTrue();
    assertThat(BtcdDialect.is(new NodeErrorException(ANY.display(), "addnode", -8,
        "max peers reached"), BtcdDialect.ALREADY_CONNECTED)).isFalse();
    assertThat(BtcdDialect.is(new NodeErrorException(ANY.display(), "addnode", -8,
        "peer not found"), BtcdDialect.PEER_NOT_FOUND)).isTrue();
  }

  @Test
  void miningNeedsAPositiveCount() {
    assertThatThrownBy(() -> new BtcdDialect(new JsonRpcClient(ANY)).generate(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
