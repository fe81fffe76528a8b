package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mining to an address of our choosing on a real btcd, which builds no such blocks itself. */
class BtcdMineToTest {

  @RegisterExtension
  static final RunningNodes NODES = new RunningNodes();

  private static final byte[] HASH20 = HexFormat.of().parseHex("751e76e8199196d454941c45d1b3a323f1433bd6");
  private static final byte[] HASH32 =
      HexFormat.of().parseHex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");

  static TestBtcd btcd;

  @BeforeAll
  static void startNode() throws Exception {
    btcd = NODES.btcd("btcd-mineto");
  }

  @Test
  void coinbasesPayP2wpkhP2shAndP2trAddressesAndTheChainGoesOn() {
    BtcdDialect node = btcd.node();
    String p2wpkh = new WitnessProgram("bcrt", 0, HASH20).encode();
    String p2sh = Base58Check.encode(0xc4, HASH20);
    String p2tr = new WitnessProgram("bcrt", 1, HASH32).encode();
    long start = node.blockCount();

    List<String> toWitness = node.mineTo(p2wpkh, 3);
    List<String> toScriptHash = node.mineTo(p2sh, 1);
    List<String> toTaproot = node.mineTo(p2tr, 1);

    assertThat(node.blockCount()).isEqualTo(start + 5);
    assertThat(node.bestBlockHash()).isEqualTo(toTaproot.get(0));
    for (int i = 0; i < 3; i++) {
      assertThat(node.blockHash(start + 1 + i)).isEqualTo(toWitness.get(i));
      assertPays(node, toWitness.get(i), p2wpkh, "0014" + HexFormat.of().formatHex(HASH20), start + 1 + i);
    }
    assertPays(node, toScriptHash.get(0), p2sh, "a914" + HexFormat.of().formatHex(HASH20) + "87", start + 4);
    assertPays(node, toTaproot.get(0), p2tr, "5120" + HexFormat.of().formatHex(HASH32), start + 5);

    // btcd's own mining carries on from the blocks built here.
    List<String> generated = node.generate(2);
    assertThat(node.blockCount()).isEqualTo(start + 7);
    JsonNode header = node.client().call("getblockheader", generated.get(0), true);
    assertThat(header.path("previousblockhash").asText()).isEqualTo(toTaproot.get(0));
    assertThat(node.mineTo(p2wpkh, 1)).hasSize(1);
    assertThat(node.blockCount()).isEqualTo(start + 8);
  }

  @Test
  void refusesAddressesItCannotPay() {
    BtcdDialect node = btcd.node();
    long before = node.blockCount();

    assertThatThrownBy(() -> node.mineTo("bcrt1-not-an-address", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bcrt1-not-an-address");
    assertThatThrownBy(() -> node.mineTo(new WitnessProgram("bcrt", 0, HASH20).encode(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(node.blockCount()).isEqualTo(before);
  }

  /** The block's only transaction is a coinbase whose one output pays {@code script} the regtest subsidy. */
  private static void assertPays(BtcdDialect node, String hash, String address, String script, long height) {
    JsonNode block = node.client().call("getblock", hash, 2);
    assertThat(block.path("height").asLong()).isEqualTo(height);
    JsonNode transactions = block.path("rawtx"); // btcd's verbosity 2 field; Core calls it tx
    assertThat(transactions).hasSize(1);
    JsonNode coinbase = transactions.get(0);
    assertThat(coinbase.path("vin").get(0).has("coinbase")).isTrue();
    JsonNode output = coinbase.path("vout").get(0);
    assertThat(coinbase.path("vout")).hasSize(1);
    assertThat(output.path("scriptPubKey").path("hex").asText()).isEqualTo(script);
    assertThat(Math.round(output.path("value").asDouble() * 100_000_000))
        .isEqualTo(TestChain.REGTEST.subsidy(height));
    JsonNode shown = output.path("scriptPubKey").has("address")
        ? output.path("scriptPubKey").path("address") : output.path("scriptPubKey").path("addresses").path(0);
    assertThat(shown.asText()).isEqualTo(address);
  }
}
