package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blocks handed from one bcoin to another over RPC in the Bitcoin Core dialect (blockHash, rawBlock, submitBlock).
 * The two nodes are not peers: every block B gets comes through RPC.
 */
class BcoinBlockHandoverTest {

  @RegisterExtension
  static final RunningNodes NODES = new RunningNodes();

  static final String PAYOUT = RegtestAddress.p2pkh(RegtestAddress.BCOIN_REGTEST_P2PKH, 5);

  static TestBcoin alpha;
  static TestBcoin beta;

  @BeforeAll
  static void startNodes() throws Exception {
    alpha = NODES.bcoin("bcoin-handover-a");
    beta = NODES.bcoin("bcoin-handover-b");
  }

  @Test
  void blocksMinedOnAReachBThroughSubmitBlock() throws Exception {
    BitcoinCoreDialect a = alpha.node();
    BitcoinCoreDialect b = beta.node();
    BtcdBlockHandoverTest.handOver(a, b);
    long start = a.blockCount();

    List<String> mined = a.mine(4, PAYOUT);
    assertThat(b.blockCount()).as("B is not A's peer and has not heard of the blocks").isEqualTo(start);

    BtcdBlockHandoverTest.handOver(a, b);

    assertThat(b.blockCount()).isEqualTo(a.blockCount()).isEqualTo(start + 4);
    assertThat(b.bestBlockHash()).isEqualTo(a.bestBlockHash()).isEqualTo(mined.get(3));
    for (long h = 1; h <= a.blockCount(); h++) {
      assertThat(b.blockHash(h)).as("hash at height %d", h).isEqualTo(a.blockHash(h));
    }
    assertThat(BtcdBlockHandoverTest.hashOf(a.rawBlock(mined.get(0)))).isEqualTo(mined.get(0));
    assertThat(a.peers()).isEmpty();
    assertThat(b.peers()).isEmpty();
  }

  @Test
  void bcoinAnswersADuplicateWithARejectionString() {
    BitcoinCoreDialect a = alpha.node();
    BitcoinCoreDialect b = beta.node();
    BtcdBlockHandoverTest.handOver(a, b);
    String raw = a.rawBlock(a.mine(1, PAYOUT).get(0));
    b.submitBlock(raw);

    // Bitcoin Core answers "duplicate"; bcoin 1.0 answers this, and submitBlock throws (see below).
    assertThat(b.client().call("submitblock", raw).asText()).isEqualTo("rejected: duplicate");
  }

  @Test
  void submittingTheSameBlockAgainDoesNotThrow() {
    BitcoinCoreDialect a = alpha.node();
    BitcoinCoreDialect b = beta.node();
    BtcdBlockHandoverTest.handOver(a, b);
    String raw = a.rawBlock(a.mine(1, PAYOUT).get(0));
    b.submitBlock(raw);

    assertThatCode(() -> b.submitBlock(raw)).doesNotThrowAnyException();
  }

  @Test
  void aBlockWhoseParentIsMissingIsRefusedButKeptUntilTheParentArrives() {
    BitcoinCoreDialect a = alpha.node();
    BitcoinCoreDialect b = beta.node();
    BtcdBlockHandoverTest.handOver(a, b);
    long before = b.blockCount();
    List<String> mined = a.mine(2, PAYOUT);

    // bcoin answers "rejected: bad-prevblk" (btcd answers null) ...
    assertThatThrownBy(() -> b.submitBlock(a.rawBlock(mined.get(1))))
        .isInstanceOfSatisfying(NodeErrorException.class, e -> {
          assertThat(e.method()).isEqualTo("submitblock");
          assertThat(e.getMessage()).contains("bad-prevblk").contains(beta.endpoint().display());
        });
    assertThat(b.blockCount()).isEqualTo(before);

    // ... but keeps the block as an orphan: the parent brings both in.
    b.submitBlock(a.rawBlock(mined.get(0)));
    assertThat(b.blockCount()).isEqualTo(before + 2);
    assertThat(b.bestBlockHash()).isEqualTo(mined.get(1));
  }

  @Test
  void garbageHexIsANodeErrorNamingTheProblem() {
    BitcoinCoreDialect b = beta.node();
    long before = b.blockCount();

    assertThatThrownBy(() -> b.submitBlock("not hex at all"))
        .isInstanceOfSatisfying(NodeErrorException.class, e -> {
          assertThat(e.method()).isEqualTo("submitblock");
          assertThat(e.nodeMessage()).contains("hex");
          assertThat(e.getMessage()).contains(beta.endpoint().display());
        });
    assertThatThrownBy(() -> b.submitBlock("00")).isInstanceOf(RpcException.class)
        .hasMessageContaining("submitblock");
    assertThat(b.blockCount()).isEqualTo(before);
  }
}
