package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.blockyard.rpc.lnd.AddedInvoice;
import io.blockyard.rpc.lnd.AddressType;
import io.blockyard.rpc.lnd.Channel;
import io.blockyard.rpc.lnd.ChannelBalance;
import io.blockyard.rpc.lnd.ChannelPoint;
import io.blockyard.rpc.lnd.ClosedChannel;
import io.blockyard.rpc.lnd.ConnectOutcome;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.LndMacaroons;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.PaymentFailedException;
import io.blockyard.rpc.lnd.Payment;
import io.blockyard.rpc.lnd.PendingChannel;
import io.blockyard.rpc.lnd.WalletState;
import io.blockyard.rpc.lnd.WalletUnlocker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lnd REST client against two real lnd processes over a real btcd on regtest: wallet
 * creation, funding by mining, a channel, a payment, a cooperative close and an unlock after a
 * restart. The tests build on each other and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LndRestTest {

  @RegisterExtension
  static final RunningNodes NODES = new RunningNodes();

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Blocks after which btcd's regtest has segwit active (BIP9: three windows of 144). */
  private static final int SEGWIT_ACTIVE_HEIGHT = 432;
  private static final long CAPACITY = 1_000_000;
  private static final long PUSH = 100_000;

  static TestBtcd btcd;
  static BtcdDialect chain;
  static TestLnd alice;
  static TestLnd bob;
  static char[] password = ("pw-" + UUID.randomUUID()).toCharArray();
  static LndNode aliceNode;
  static LndNode bobNode;
  static long funded;
  static ChannelPoint channel;

  @BeforeAll
  static void startNodes() throws Exception {
    btcd = NODES.btcd("btcd-lnd", List.of("--txindex"));
    chain = btcd.node();
    // lnd's funding and closing transactions are segwit; the last block must be recent for lnd to sync.
    chain.generate(SEGWIT_ACTIVE_HEIGHT);
    alice = NODES.lnd("alice", btcd);
    bob = NODES.lnd("bob", btcd);
  }

  @Test
  @Order(1)
  void walletsAreCreatedFromFreshSeeds() {
    for (TestLnd lnd : List.of(alice, bob)) {
      WalletUnlocker unlocker = lnd.unlocker();
      assertThat(unlocker.state()).isEqualTo(WalletState.NON_EXISTING);

      List<String> seed = unlocker.genSeed();
      assertThat(seed).hasSize(24).allMatch(word -> word.matches("[a-z]+"));
      assertThat(unlocker.genSeed()).isNotEqualTo(seed);

      // Bob's wallet gets a root key of ours, from which its admin macaroon can be made again at any time.
      byte[] rootKey = lnd == bob ? LndMacaroons.newRootKey(new SecureRandom()) : null;
      byte[] passwordBytes = new String(password).getBytes(StandardCharsets.UTF_8);
      Optional<String> macaroon = unlocker.initWallet(passwordBytes, seed, 0, rootKey);

      await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
          .until(() -> unlocker.state().rpcReady());
      // lnd bakes a fresh admin macaroon for the answer: not the file's bytes, but as good.
      assertThat(macaroon).isPresent();
      LndNode withReturned = new LndNode(lnd.endpoint().withMacaroon(macaroon.get()));
      await().atMost(WAIT).ignoreExceptions()
          .until(() -> withReturned.getInfo().identityPubkey().equals(lnd.node().getInfo().identityPubkey()));
      if (rootKey != null) {
        LndNode withMinted = new LndNode(lnd.endpoint().withMacaroon(LndMacaroons.admin(rootKey, new SecureRandom())));
        assertThat(withMinted.getInfo().identityPubkey()).isEqualTo(lnd.node().getInfo().identityPubkey());
        assertThat(withMinted.newAddress(AddressType.WITNESS_PUBKEY_HASH)).startsWith("bcrt1");
        byte[] otherKey = LndMacaroons.newRootKey(new SecureRandom());
        LndNode withForged = new LndNode(lnd.endpoint().withMacaroon(LndMacaroons.admin(otherKey, new SecureRandom())));
        assertThatThrownBy(withForged::getInfo).isInstanceOf(LndErrorException.class);
      }
    }
    aliceNode = alice.node();
    bobNode = bob.node();
  }

  @Test
  @Order(2)
  void shortPasswordIsRefusedWithLndsMessage() {
    // bob has a wallet by now; lnd checks the password's length first either way.
    assertThatThrownBy(() -> bob.unlocker().initWallet("short".toCharArray(), List.of("abandon")))
        .isInstanceOfSatisfying(LndErrorException.class, e -> {
          assertThat(e.grpcCode()).isEqualTo(LndErrorException.UNKNOWN);
          assertThat(e.httpStatus()).isEqualTo(500);
          assertThat(e.lndMessage()).isNotBlank();
          assertThat(e.getMessage()).contains(bob.endpoint().display(), "/v1/initwallet")
              .doesNotContain("short");
        });
  }

  @Test
  @Order(3)
  void nodesReportSyncedToTheChainAfterABlock() {
    String tip = chain.generate(1).get(0);
    long height = chain.blockCount();

    for (LndNode node : List.of(aliceNode, bobNode)) {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        NodeInfo info = node.getInfo();
        assertThat(info.syncedToChain()).isTrue();
        assertThat(info.blockHeight()).isEqualTo(height);
      });
    }
    NodeInfo info = aliceNode.getInfo();
    assertThat(info.identityPubkey()).matches("0[23][0-9a-f]{64}");
    assertThat(info.alias()).isEqualTo("alice");
    assertThat(info.color()).matches("#[0-9a-f]{6}");
    assertThat(info.numActiveChannels()).isZero();
    assertThat(tip).matches("[0-9a-f]{64}");
  }

  @Test
  @Order(4)
  void walletIsFundedByMiningToItsAddress() {
    String address = aliceNode.newAddress(AddressType.WITNESS_PUBKEY_HASH);
    assertThat(address).startsWith("bcrt1q");
    assertThat(aliceNode.newAddress(AddressType.TAPROOT_PUBKEY)).startsWith("bcrt1p");
    assertThat(aliceNode.newAddress(AddressType.WITNESS_PUBKEY_HASH)).isNotEqualTo(address);

    long height = chain.mineTo(address, 1).size() + chain.blockCount() - 1;
    funded = TestChain.REGTEST.subsidy(height);
    chain.generate(100); // coinbase maturity

    await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(aliceNode.walletBalance().confirmedSat()).isEqualTo(funded));
    assertThat(aliceNode.walletBalance().unconfirmedSat()).isZero();
  }

  @Test
  @Order(5)
  void peersConnectOnceAndAgainHarmlessly() {
    String bobKey = bobNode.getInfo().identityPubkey();

    assertThat(aliceNode.connectPeer(bobKey, bob.p2pAddress())).isEqualTo(ConnectOutcome.CONNECTED);
    assertThat(aliceNode.connectPeer(bobKey, bob.p2pAddress())).isEqualTo(ConnectOutcome.ALREADY_CONNECTED);

    String aliceKey = aliceNode.getInfo().identityPubkey();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(aliceNode.listPeers()).containsExactly(bobKey);
      assertThat(bobNode.listPeers()).containsExactly(aliceKey);
    });
  }

  @Test
  @Order(6)
  void channelOpensAndBecomesActiveOnBothSides() {
    String bobKey = bobNode.getInfo().identityPubkey();
    String aliceKey = aliceNode.getInfo().identityPubkey();

    channel = aliceNode.openChannel(bobKey, CAPACITY, PUSH, false);

    assertThat(channel.txid()).matches("[0-9a-f]{64}");
    // The txid lnd reports is the one btcd knows, in the same byte order.
    assertThat(chain.client().call("getrawmempool").toString()).contains(channel.txid());
    assertThat(aliceNode.pendingChannels()).singleElement().satisfies(pending -> {
      assertThat(pending.stage()).isEqualTo(PendingChannel.Stage.PENDING_OPEN);
      assertThat(pending.channelPoint()).isEqualTo(channel);
      assertThat(pending.remotePubkey()).isEqualTo(bobKey);
      assertThat(pending.capacity()).isEqualTo(CAPACITY);
    });

    chain.generate(6);

    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(aliceNode.listChannels()).singleElement().satisfies(open -> {
        assertThat(open.channelPoint()).isEqualTo(channel);
        assertThat(open.active()).isTrue();
        assertThat(open.remotePubkey()).isEqualTo(bobKey);
        assertThat(open.capacity()).isEqualTo(CAPACITY);
        assertThat(open.remoteBalance()).isEqualTo(PUSH);
        assertThat(open.isPrivate()).isFalse();
        assertThat(open.chanId()).matches("[1-9][0-9]*");
      });
      assertThat(bobNode.listChannels()).singleElement().satisfies(open -> {
        assertThat(open.channelPoint()).isEqualTo(channel);
        assertThat(open.active()).isTrue();
        assertThat(open.remotePubkey()).isEqualTo(aliceKey);
        assertThat(open.localBalance()).isEqualTo(PUSH);
      });
    });
    assertThat(aliceNode.pendingChannels()).isEmpty();
    assertThat(bobNode.channelBalance()).isEqualTo(new ChannelBalance(PUSH,
        aliceNode.channelBalance().localSat()));
  }

  @Test
  @Order(7)
  void invoicePaidOverTheChannelSettlesAndMovesTheBalance() throws Exception {
    ChannelBalance aliceBefore = aliceNode.channelBalance();
    AddedInvoice invoice = bobNode.addInvoice(1000, "blockyard test");
    assertThat(invoice.paymentRequest()).startsWith("lnbcrt");
    assertThat(bobNode.lookupInvoice(invoice.rHashHex()).settled()).isFalse();

    // "active" can come a moment before the link takes HTLCs: lnd then answers
    // the payment FAILED with insufficient_balance, and the same invoice may be paid again.
    Payment payment = await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .ignoreException(PaymentFailedException.class)
        .until(() -> aliceNode.payInvoice(invoice.paymentRequest()), paid -> true);

    assertThat(payment.paymentHashHex()).isEqualTo(invoice.rHashHex());
    assertThat(payment.feeMsat()).as("no fee to a direct peer").isZero();
    assertThat(aliceNode.listPayments()).anySatisfy(listed -> {
      assertThat(listed.paymentHashHex()).isEqualTo(invoice.rHashHex());
      assertThat(listed.succeeded()).isTrue();
      assertThat(listed.valueSat()).isEqualTo(1000);
    });
    byte[] preimage = HexFormat.of().parseHex(payment.preimageHex());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(preimage)))
        .isEqualTo(invoice.rHashHex());
    assertThat(bobNode.lookupInvoice(invoice.rHashHex())).satisfies(status -> {
      assertThat(status.settled()).isTrue();
      assertThat(status.state()).isEqualTo("SETTLED");
      assertThat(status.amountPaidSat()).isEqualTo(1000);
    });
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(aliceNode.channelBalance().localSat()).isEqualTo(aliceBefore.localSat() - 1000);
      assertThat(bobNode.channelBalance()).isEqualTo(new ChannelBalance(PUSH + 1000, aliceBefore.localSat() - 1000));
    });
  }

  @Test
  @Order(8)
  void bakedReadonlyMacaroonReadsButCannotSpendAndInvoiceMacaroonMakesInvoices() {
    LndNode readonly = new LndNode(aliceNode.endpoint().withMacaroon(
        aliceNode.bakeMacaroon(LndNode.READONLY_PERMISSIONS)));
    assertThat(readonly.getInfo().identityPubkey()).isEqualTo(aliceNode.getInfo().identityPubkey());
    assertThatThrownBy(() -> readonly.newAddress(AddressType.WITNESS_PUBKEY_HASH))
        .isInstanceOfSatisfying(LndErrorException.class, e -> assertThat(e.lndMessage()).contains("permission"));

    LndNode invoices = new LndNode(aliceNode.endpoint().withMacaroon(
        aliceNode.bakeMacaroon(LndNode.INVOICE_PERMISSIONS)));
    assertThat(invoices.addInvoice(10, "baked").paymentRequest()).startsWith("lnbcrt");
    assertThatThrownBy(() -> invoices.payInvoice("lnbcrt1invalid")).isInstanceOf(LndErrorException.class);
  }

  @Test
  @Order(8)
  void paymentBeyondTheBalanceIsATypedFailure() {
    AddedInvoice tooMuch = aliceNode.addInvoice(500_000, "more than bob has");

    assertThatThrownBy(() -> bobNode.payInvoice(tooMuch.paymentRequest()))
        .isInstanceOfSatisfying(PaymentFailedException.class,
            e -> assertThat(e.paymentError()).isEqualTo("insufficient_balance"));
    assertThat(aliceNode.lookupInvoice(tooMuch.rHashHex()).settled()).isFalse();
    // lnd lists the failed payment too, with its reason.
    assertThat(bobNode.listPayments()).anySatisfy(listed -> {
      assertThat(listed.paymentHashHex()).isEqualTo(tooMuch.rHashHex());
      assertThat(listed.status()).isEqualTo("FAILED");
      assertThat(listed.failureReason()).startsWith("FAILURE_REASON_");
    });
  }

  @Test
  @Order(9)
  void failuresAreTypedAndKeepTheMacaroonSecret() throws Exception {
    String wrongMacaroon = bob.adminMacaroonHex();
    LndNode wrong = new LndNode(alice.endpoint().withMacaroon(wrongMacaroon));
    assertThatThrownBy(wrong::getInfo).isInstanceOfSatisfying(LndErrorException.class, e -> {
      assertThat(e.lndMessage()).containsIgnoringCase("verification failed");
      assertThat(e.getMessage()).doesNotContain(wrongMacaroon);
    });

    assertThatThrownBy(() -> aliceNode.closeChannel(new ChannelPoint("ab".repeat(32), 0), false))
        .isInstanceOf(LndErrorException.class);

    int closedPort = FreePort.next();
    LndNode nobody = new LndNode(LndEndpoint.of("127.0.0.1", closedPort, alice.tlsCertPem())
        .withMacaroon(alice.adminMacaroonHex()));
    assertThatThrownBy(nobody::getInfo).isInstanceOf(ConnectionFailedException.class)
        .hasMessageContaining("lnd REST").hasMessageContaining("connection refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(alice.adminMacaroonHex()));

    // bob's port with alice's certificate as the only trust anchor.
    LndNode impostor = new LndNode(LndEndpoint.of("127.0.0.1", bob.restPort(), alice.tlsCertPem())
        .withMacaroon(bob.adminMacaroonHex()));
    assertThatThrownBy(impostor::getInfo).isInstanceOf(TlsHandshakeException.class);

    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LndNode stalled = new LndNode(LndEndpoint.of("127.0.0.1", silent.getLocalPort(), alice.tlsCertPem())
          .withMacaroon(alice.adminMacaroonHex()).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(800)));
      long start = System.nanoTime();
      assertThatThrownBy(stalled::getInfo).isInstanceOf(RpcTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  @Order(10)
  void cooperativeCloseReturnsTheClosingTxidAndSettlesOnChain() {
    long aliceOnChainBefore = aliceNode.walletBalance().confirmedSat();

    String closingTxid = aliceNode.closeChannel(channel, false);

    assertThat(closingTxid).matches("[0-9a-f]{64}");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(chain.client().call("getrawmempool").toString()).contains(closingTxid));
    assertThat(aliceNode.pendingChannels()).singleElement().satisfies(pending -> {
      assertThat(pending.stage()).isEqualTo(PendingChannel.Stage.WAITING_CLOSE);
      assertThat(pending.channelPoint()).isEqualTo(channel);
      assertThat(pending.closingTxid()).isEqualTo(closingTxid);
    });

    chain.generate(6);

    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(aliceNode.closedChannels()).singleElement().satisfies(closed -> {
        assertThat(closed.channelPoint()).isEqualTo(channel);
        assertThat(closed.closingTxid()).isEqualTo(closingTxid);
        assertThat(closed.closeType()).isEqualTo("COOPERATIVE_CLOSE");
        assertThat(closed.capacity()).isEqualTo(CAPACITY);
      });
      assertThat(aliceNode.listChannels()).isEmpty();
      assertThat(aliceNode.pendingChannels()).isEmpty();
      assertThat(bobNode.closedChannels()).extracting(ClosedChannel::channelPoint).containsExactly(channel);
    });
    await().atMost(WAIT).untilAsserted(() -> {
      // alice gets her side back on chain (less fees), bob his pushed amount plus the payment.
      assertThat(aliceNode.walletBalance().confirmedSat())
          .isGreaterThan(aliceOnChainBefore + CAPACITY - PUSH - 1000 - 50_000)
          .isLessThan(funded);
      assertThat(bobNode.walletBalance().confirmedSat()).isEqualTo(PUSH + 1000);
    });
  }

  @Test
  @Order(11)
  void restartedLndIsLockedUntilUnlocked() throws Exception {
    String bobKey = bobNode.getInfo().identityPubkey();

    bob = NODES.restart(bob);
    WalletUnlocker unlocker = bob.unlocker();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> unlocker.state() == WalletState.LOCKED);

    assertThatThrownBy(() -> unlocker.unlockWallet("wrong-password".toCharArray()))
        .isInstanceOfSatisfying(LndErrorException.class,
            e -> assertThat(e.getMessage()).doesNotContain("wrong-password"));
    unlocker.unlockWallet(password);

    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> unlocker.state().rpcReady());
    LndNode restarted = bob.node();
    await().atMost(WAIT).untilAsserted(() -> assertThat(restarted.getInfo().identityPubkey()).isEqualTo(bobKey));
    assertThat(restarted.walletBalance().confirmedSat()).isEqualTo(PUSH + 1000);
  }

  @Test
  @Order(12)
  void endpointNeverShowsItsMacaroon() {
    LndEndpoint endpoint = alice.endpoint().withMacaroon(alice.adminMacaroonHex());

    assertThat(endpoint.toString()).doesNotContain(alice.adminMacaroonHex()).contains("(set)");
    assertThatThrownBy(() -> new LndNode(alice.endpoint())).isInstanceOf(IllegalArgumentException.class);
    assertThat(new String(password).getBytes(StandardCharsets.UTF_8)).isNotEmpty();
  }
}
