package io.blockyard.rpc;

import io.blockyard.api.bitcoin.Implementation;
import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Bitcoin Core dialect against two real bcoin processes (bcoin speaks Core's RPC dialect;
 * there is no bitcoind on the test machines).
 */
class BitcoinCoreDialectOnBcoinTest {

  @RegisterExtension
  static final RunningNodes NODES = new RunningNodes();

  /** bcoin accepts only its own regtest P2PKH version byte, 0x3c. */
  static final String PAYOUT = RegtestAddress.p2pkh(RegtestAddress.BCOIN_REGTEST_P2PKH, 9);

  static TestBcoin alpha;
  static TestBcoin beta;

  @BeforeAll
  static void startNodes() throws Exception {
    alpha = NODES.bcoin("bcoin-alpha");
    beta = NODES.bcoin("bcoin-beta");
  }

  @Test
  void observeAgreesWithTheSingleCalls() {
    BitcoinCoreDialect node = alpha.node();

    NodeObservation seen = node.observe();

    assertThat(seen.height()).isEqualTo(node.blockCount());
    assertThat(seen.bestBlockHash()).isEqualTo(node.bestBlockHash()).matches("[0-9a-f]{64}");
    assertThat(seen.peers()).isEqualTo(node.peers());
    assertThat(seen.addedNodes()).isEqualTo(node.addedNodes());
  }

  @Test
  void miningToAnAddressRaisesTheHeight() {
    BitcoinCoreDialect node = alpha.node();
    long before = node.blockCount();

    List<String> mined = node.mine(2, PAYOUT);

    assertThat(mined).hasSize(2);
    NodeObservation seen = node.observe();
    assertThat(seen.height()).isEqualTo(before + 2);
    assertThat(seen.bestBlockHash()).isEqualTo(mined.get(1));
  }

  @Test
  void mineToPaysTheCoinbaseToTheAddress() {
    BitcoinNode node = alpha.node();
    long before = node.blockCount();

    List<String> mined = node.mineTo(PAYOUT, 2);

    assertThat(mined).hasSize(2);
    assertThat(node.blockCount()).isEqualTo(before + 2);
    assertThat(node.bestBlockHash()).isEqualTo(mined.get(1));
    // bcoin's getblock takes (hash, verbose, details); details gives the transactions.
    JsonNode coinbase = alpha.node().client().call("getblock", mined.get(1), true, true).path("tx").path(0);
    assertThat(coinbase.path("vout").path(0).path("scriptPubKey").path("hex").asText())
        .isEqualTo(java.util.HexFormat.of().formatHex(OutputScript.forAddress(PAYOUT)));
  }

  @Test
  void addressOfAnotherNetworkIsANodeError() {
    String coreRegtestAddress = RegtestAddress.p2pkh(RegtestAddress.CORE_REGTEST_P2PKH, 9);

    assertThatThrownBy(() -> alpha.node().mine(1, coreRegtestAddress))
        .isInstanceOfSatisfying(NodeErrorException.class, e -> {
          assertThat(e.code()).isEqualTo(-5);
          assertThat(e.nodeMessage()).isEqualTo("Invalid address.");
          assertThat(e.method()).isEqualTo("generatetoaddress");
        });
  }

  @Test
  void addedNodeBecomesAPeerAndCanBeRemoved() {
    BitcoinCoreDialect a = alpha.node();
    BitcoinCoreDialect b = beta.node();
    String bAddress = beta.p2pAddress();

    assertThat(a.addNode(bAddress)).isEqualTo(AddedNodeOutcome.ADDED);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(a.peers()).contains(new Peer(bAddress, false));
      assertThat(b.peers()).anyMatch(Peer::inbound);
    });
    assertThat(a.observe().addedNodes()).containsExactly(bAddress);
    assertThat(a.addNode(bAddress)).isEqualTo(AddedNodeOutcome.ALREADY_ADDED);
    // bcoin would list a second entry had the dialect sent the second addnode.
    assertThat(a.addedNodes()).containsExactly(bAddress);

    String tip = a.mine(1, PAYOUT).get(0);
    await().atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(b.bestBlockHash()).isEqualTo(tip));

    assertThat(a.removeNode(bAddress)).isEqualTo(AddedNodeOutcome.REMOVED);
    assertThat(a.addedNodes()).isEmpty();
    assertThat(a.removeNode(bAddress)).isEqualTo(AddedNodeOutcome.NOT_ADDED);
    assertThat(a.removeNode("127.0.0.1:" + FreePort.next())).isEqualTo(AddedNodeOutcome.NOT_ADDED);
  }

  @Test
  void batchKeepsGoodResultsAndTypesTheBadOne() {
    JsonRpcClient rpc = new JsonRpcClient(alpha.endpoint());

    List<RpcReply> replies = rpc.batch(List.of(RpcCall.of("getblockcount"),
        RpcCall.of("nosuchmethod"), RpcCall.of("getbestblockhash")));

    assertThat(replies.get(0).result().isIntegralNumber()).isTrue();
    assertThat(replies.get(1).error()).isInstanceOfSatisfying(NodeErrorException.class, e -> {
      assertThat(e.code()).isEqualTo(-32601);
      assertThat(e.nodeMessage()).isEqualTo("Method not found: nosuchmethod.");
      assertThat(e.method()).isEqualTo("nosuchmethod");
    });
    assertThat(replies.get(2).result().asText()).matches("[0-9a-f]{64}");
  }

  @Test
  void wrongPasswordSaysTheCredentialsWereRejected() {
    RpcEndpoint wrong = alpha.endpoint().withCredentials("blockyard", "not-the-api-key");

    assertThatThrownBy(() -> new BitcoinCoreDialect(new JsonRpcClient(wrong)).observe())
        .isInstanceOf(CredentialsRejectedException.class)
        .hasMessageContaining("rejected the RPC credentials")
        .hasMessageContaining(alpha.endpoint().display())
        .satisfies(e -> assertThat(e.getMessage())
            .doesNotContain("not-the-api-key").doesNotContain(alpha.apiKey()));
  }

  @Test
  void speaksJsonRpc2() {
    BitcoinCoreDialect node = new BitcoinCoreDialect(new JsonRpcClient(
        alpha.endpoint().withProtocol(JsonRpcVersion.V2)));

    assertThat(node.observe().height()).isEqualTo(node.blockCount());
  }

  @Test
  void factoryPicksTheCoreDialect() {
    assertThat(BitcoinNode.connect(Implementation.BITCOIND, alpha.endpoint()))
        .isInstanceOf(BitcoinCoreDialect.class);
  }
}
