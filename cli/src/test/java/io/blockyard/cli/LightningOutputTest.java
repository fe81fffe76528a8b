package io.blockyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.rpc.lnd.AddedInvoice;
import io.blockyard.rpc.lnd.ChannelBalance;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.Payment;
import io.blockyard.rpc.lnd.WalletBalance;
import java.util.List;
import org.junit.jupiter.api.Test;

class LightningOutputTest {
  static final String PUBKEY = "02" + "a".repeat(64);
  static final String URI = PUBKEY + "@alice-lnd-0.alice-lnd.default.svc.cluster.local:9735";

  @Test
  void getinfoIsOneFactALine() {
    NodeInfo info = new NodeInfo(PUBKEY, "alice", "#3399ff", true, false, 112, 1, 1, 2, 0, List.of());
    assertThat(NodeSummary.render("default", "alice", URI, info, new WalletBalance(4_998_990_000L, 5),
        new ChannelBalance(989_000, 10_000)).lines().toList()).containsExactly(
        "Node:         default/alice",
        "Alias:        alice",
        "Pubkey:       " + PUBKEY,
        "URI:          " + URI,
        "Synced:       chain yes, graph no",
        "Block height: 112",
        "Peers:        1",
        "Channels:     1 active, 2 pending, 0 inactive",
        "On-chain:     4998990000 sat confirmed, 5 sat unconfirmed",
        "In channels:  989000 sat local, 10000 sat remote");
  }

  @Test
  void getinfoAddsLndsOwnUrisAfterTheOperatorsOnce() {
    String external = PUBKEY + "@203.0.113.7:9735";
    NodeInfo info = new NodeInfo(PUBKEY, "", "", false, false, 0, 0, 0, 0, 0, List.of(URI, external));
    assertThat(NodeSummary.render("ns", "alice", URI, info, new WalletBalance(0, 0), new ChannelBalance(0, 0))
        .lines().filter(l -> l.startsWith("URI:") || l.startsWith("Alias:")).toList())
        .containsExactly("Alias:        -", "URI:          " + URI, "URI:          " + external);
  }

  @Test
  void invoicesFirstLineIsThePaymentRequestAlone() {
    String bolt11 = "lnbcrt10u1pjexample";
    List<String> lines = InvoiceCommand.render(new AddedInvoice(bolt11, "ab".repeat(32))).lines().toList();
    assertThat(lines).containsExactly(bolt11, "payment hash: " + "ab".repeat(32));
  }

  @Test
  void paymentSaysPaidWithHashAndPreimage() {
    assertThat(PayCommand.render(new Payment("ab".repeat(32), "cd".repeat(32), 0)).lines().toList()).containsExactly(
        "paid", "payment hash: " + "ab".repeat(32), "preimage:     " + "cd".repeat(32));
  }

  @Test
  void aFailedPaymentNamesTheNodeAndLndsReason() {
    assertThat(PayCommand.failed("alice", "no_route")).isEqualTo("alice could not pay the invoice: no_route");
  }
}
