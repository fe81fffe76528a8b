package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.rpc.lnd.AddedInvoice;
import io.blockyard.rpc.lnd.AddressType;
import io.blockyard.rpc.lnd.ChannelPoint;
import io.blockyard.rpc.lnd.LndEvent;
import io.blockyard.rpc.lnd.LndEvent.Topic;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.LndSubscriptions;
import io.blockyard.rpc.lnd.PaymentFailedException;
import io.blockyard.rpc.lnd.WalletUnlocker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * lnd's event streams over REST, against two real lnd processes over a real btcd on regtest, through shared HTTP
 * clients: a funded wallet, a peer, an opened channel, a payment and a closed channel each come as events, without
 * polling; a stream refused or cut off by a restart is opened again, and a closed subscription goes quiet. The tests
 * build on each other and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LndSubscriptionsTest {
  @RegisterExtension
  static final RunningNodes NODES = new RunningNodes();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int SEGWIT_ACTIVE_HEIGHT = 432;
  static final byte[] PASSWORD = ("pw-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

  static BtcdDialect chain;
  static TestLnd alice;
  static TestLnd bob;
  static LndNode aliceNode;
  static LndNode bobNode;
  static SharedHttpClients http;
  static LndSubscriptions aliceEvents;
  static LndSubscriptions bobEvents;
  static final List<LndEvent> aliceSaw = new CopyOnWriteArrayList<>();
  static final List<LndEvent> bobSaw = new CopyOnWriteArrayList<>();
  static ChannelPoint channel;

  @BeforeAll
  static void start() throws Exception {
    TestBtcd btcd = NODES.btcd("btcd-lnd-events", List.of("--txindex"));
    chain = btcd.node();
    chain.generate(SEGWIT_ACTIVE_HEIGHT);
    alice = NODES.lnd("alice-events", btcd);
    bob = NODES.lnd("bob-events", btcd);
    for (TestLnd lnd : List.of(alice, bob)) {
      WalletUnlocker unlocker = lnd.unlocker();
      unlocker.initWallet(PASSWORD, unlocker.genSeed());
      await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> unlocker.state().rpcReady());
    }
    aliceNode = alice.node();
    bobNode = bob.node();
    await().atMost(WAIT).ignoreExceptions().until(() -> aliceNode.getInfo() != null && bobNode.getInfo() != null);
    chain.generate(1); // a recent tip: lnd syncs to it
    http = new SharedHttpClients(2);
  }

  @AfterAll
  static void stop() {
    if (aliceEvents != null) {
      aliceEvents.close();
    }
    if (bobEvents != null) {
      bobEvents.close();
    }
    if (http != null) {
      http.close();
    }
  }

  static LndSubscriptions subscribe(TestLnd lnd, List<LndEvent> into) {
    return LndSubscriptions.open(lnd.endpoint().withMacaroon(lnd.adminMacaroonHex()), http,
        EnumSet.allOf(Topic.class), event -> {
          System.out.println(lnd.process().name() + " event: " + event);
          into.add(event);
        });
  }

  static boolean saw(List<LndEvent> events, Topic topic, String type) {
    return events.stream().anyMatch(e -> e.topic() == topic && e.type().equals(type));
  }

  static boolean saw(List<LndEvent> events, Topic topic, String type, String detail) {
    return events.stream().anyMatch(e -> e.topic() == topic && e.type().equals(type) && e.detail().equals(detail));
  }

  @Test
  @Order(1)
  void theHtlcStreamAnswersAtOnceAndTheWalletsFundingIsATransaction() {
    aliceEvents = subscribe(alice, aliceSaw);
    bobEvents = subscribe(bob, bobSaw);
    await().atMost(WAIT).until(() -> aliceEvents.isLive(Topic.HTLCS) && bobEvents.isLive(Topic.HTLCS));
    assertThat(saw(aliceSaw, Topic.HTLCS, "subscribed_event")).isTrue();

    chain.mineTo(aliceNode.newAddress(AddressType.WITNESS_PUBKEY_HASH), 1);
    chain.generate(100); // coinbase maturity

    await().atMost(WAIT).until(() -> saw(aliceSaw, Topic.TRANSACTIONS, "TRANSACTION"));
    await().atMost(WAIT).until(() -> aliceNode.walletBalance().confirmedSat() > 0);
  }

  @Test
  @Order(2)
  void aConnectedPeerComesOnlineOnBothSides() {
    aliceNode.connectPeer(bobNode.getInfo().identityPubkey(), bob.p2pAddress());

    await().atMost(WAIT).until(() -> saw(aliceSaw, Topic.PEERS, "PEER_ONLINE") && saw(bobSaw, Topic.PEERS,
        "PEER_ONLINE"));
  }

  @Test
  @Order(3)
  void anOpenedChannelIsPendingThenOpenAndActiveOnBothSides() {
    channel = aliceNode.openChannel(bobNode.getInfo().identityPubkey(), 1_000_000, 100_000, false);

    await().atMost(WAIT).until(() -> saw(aliceSaw, Topic.CHANNELS, "PENDING_OPEN_CHANNEL")
        && saw(bobSaw, Topic.CHANNELS, "PENDING_OPEN_CHANNEL"));
    assertThat(saw(aliceSaw, Topic.CHANNELS, "OPEN_CHANNEL")).as("open before any confirmation").isFalse();
    chain.generate(6);
    await().atMost(WAIT).until(() -> saw(aliceSaw, Topic.CHANNELS, "OPEN_CHANNEL")
        && saw(bobSaw, Topic.CHANNELS, "OPEN_CHANNEL") && saw(aliceSaw, Topic.CHANNELS, "ACTIVE_CHANNEL")
        && saw(bobSaw, Topic.CHANNELS, "ACTIVE_CHANNEL"));
    assertThat(aliceNode.listChannels()).singleElement().satisfies(c -> assertThat(c.channelPoint())
        .isEqualTo(channel));
  }

  @Test
  @Order(4)
  void aPaymentIsSettledOnTheSendersAndTheReceiversHtlcStreams() {
    long bobBefore = bobNode.channelBalance().localSat();
    AddedInvoice invoice = bobNode.addInvoice(1000, "events");
    aliceSaw.clear();
    bobSaw.clear();

    // "active" can come a moment before the link takes HTLCs: lnd then answers insufficient_balance.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreException(PaymentFailedException.class)
        .until(() -> aliceNode.payInvoice(invoice.paymentRequest()), paid -> true);

    await().atMost(WAIT).until(() -> saw(aliceSaw, Topic.HTLCS, "settle_event", "SEND")
        && saw(bobSaw, Topic.HTLCS, "settle_event", "RECEIVE") && saw(bobSaw, Topic.HTLCS, "final_htlc_event"));
    assertThat(saw(aliceSaw, Topic.HTLCS, "forward_event", "SEND")).as("the HTLC sent, before it settled").isTrue();
    // The settle comes before the commitment that moves the balance: a reader looks again a moment later.
    long settled = System.nanoTime();
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> bobNode.channelBalance().localSat() == bobBefore + 1000);
    System.out.println("bob's balance moved " + Duration.ofNanos(System.nanoTime() - settled).toMillis()
        + " ms after his settle and final HTLC events were seen");
  }

  @Test
  @Order(5)
  void aClosedChannelIsClosedOnceTheCloseConfirms() {
    aliceSaw.clear();

    aliceNode.closeChannel(channel, false);
    chain.generate(6);

    await().atMost(WAIT).until(() -> saw(aliceSaw, Topic.CHANNELS, "CLOSED_CHANNEL"));
  }

  @Test
  @Order(6)
  void aStreamRefusedForAWrongMacaroonIsNeverLiveAndTriedAgainWithBackOff() {
    try (LndSubscriptions wrong = LndSubscriptions.open(alice.endpoint().withMacaroon(bob.adminMacaroonHex()), http,
        EnumSet.of(Topic.HTLCS), event -> { })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> wrong.connections(Topic.HTLCS) >= 2);
      assertThat(wrong.isLive(Topic.HTLCS)).isFalse();
    }
  }

  @Test
  @Order(7)
  void aRestartedLndIsSubscribedToAgainOnceUnlocked() throws Exception {
    int before = bobEvents.connections(Topic.HTLCS);

    bob = NODES.restart(bob);
    await().atMost(WAIT).until(() -> !bobEvents.isLive(Topic.HTLCS));
    WalletUnlocker unlocker = bob.unlocker();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> unlocker.state() == io.blockyard.rpc.lnd.WalletState.LOCKED);
    unlocker.unlockWallet(PASSWORD);

    await().atMost(Duration.ofSeconds(90)).until(() -> bobEvents.isLive(Topic.HTLCS));
    assertThat(bobEvents.connections(Topic.HTLCS)).isGreaterThan(before);
  }

  @Test
  @Order(8)
  void aClosedSubscriptionHangsUpAndGivesUpItsTrust() throws Exception {
    List<LndEvent> controlSaw = new CopyOnWriteArrayList<>();
    try (LndSubscriptions control = LndSubscriptions.open(alice.endpoint().withMacaroon(alice.adminMacaroonHex()),
        http, EnumSet.of(Topic.TRANSACTIONS, Topic.HTLCS), controlSaw::add)) {
      await().atMost(WAIT).until(() -> control.isLive(Topic.HTLCS));
      aliceEvents.close();
      bobEvents.close();
      int seen = aliceSaw.size();

      // A transaction to alice's wallet: the control subscription tells of it, the closed one must not.
      chain.mineTo(aliceNode.newAddress(AddressType.WITNESS_PUBKEY_HASH), 1);
      await().atMost(WAIT).until(() -> saw(controlSaw, Topic.TRANSACTIONS, "TRANSACTION"));

      assertThat(aliceSaw).hasSize(seen);
      assertThat(aliceEvents.isOpen()).isFalse();
    }
    assertThat(http.trustedServers()).isZero();
  }
}
