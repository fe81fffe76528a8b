package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.KubectlBlockyardPlugin;
import io.blockyard.operator.RunningOperator;
import io.blockyard.rpc.lnd.Channel;
import io.blockyard.rpc.lnd.ClosedChannel;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.PendingChannel;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Testbed;
import io.blockyard.testbed.TestNodes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lightning end to end on the real test bed: lnd nodes on a btcd regtest network, wallets made by the operator,
 * funded channels, payments through the plugin, restarts, and deletion that closes channels and keeps seeds.
 */
@ExtendWith(SharedTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LightningScenarioTest {
  static final String NS = "lightning-scenario";
  static final Duration WAIT = Duration.ofMinutes(3);
  static KubernetesClient client;
  static RunningOperator operator;
  static Testbed bed;

  @BeforeAll
  static void startOperator(Testbed testbed) throws Exception {
    bed = testbed;
    client = testbed.client();
    operator = RunningOperator.start(testbed);
    TestNodes.createNamespace(client, NS);
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  static String plugin(String... args) throws Exception {
    return pluginIn(NS, args);
  }

  static String pluginIn(String namespace, String... args) throws Exception {
    String[] withNamespace = java.util.Arrays.copyOf(args, args.length + 2);
    withNamespace[args.length] = "-n";
    withNamespace[args.length + 1] = namespace;
    return KubectlBlockyardPlugin.run(bed, withNamespace);
  }

  static LightningNode node(String name) {
    return client.resources(LightningNode.class).inNamespace(NS).withName(name).get();
  }

  static LightningChannel channel(String name) {
    return client.resources(LightningChannel.class).inNamespace(NS).withName(name).get();
  }

  static Condition condition(List<Condition> conditions, String type) {
    return Conditions.find(conditions, type).orElseThrow(() -> new AssertionError("no " + type + " condition"));
  }

  /** lnd as an application reaches it: through the node's connection Secret. */
  static LndNode lnd(String name) {
    return ApplicationLnd.of(client, NS, name);
  }


  static void apply(String yaml) {
    TestNodes.apply(client, NS, yaml);
  }

  static void lightningNode(String name, boolean storage) {
    apply("""
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: %s}
        spec:
          network: chain
          alias: %s
          %s
          extraArgs: [--trickledelay=50]
        """.formatted(name, name.substring(0, 1).toUpperCase() + name.substring(1),
        storage ? "storage: {size: 1Gi}" : ""));
  }

  static void fundedChannel(String name, String from, String to, long capacity, long push) {
    fundedChannel(name, from, to, capacity, push, false);
  }

  static void fundedChannel(String name, String from, String to, long capacity, long push, boolean isPrivate) {
    apply("""
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: %s}
        spec: {from: %s, to: {node: %s}, capacitySat: %d, pushSat: %d, fund: true, private: %s}
        """.formatted(name, from, to, capacity, push, isPrivate));
  }

  static void awaitReady(String name) {
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      LightningNode n = node(name);
      assertThat(condition(n.getStatus().getConditions(), "Ready").getStatus())
          .as("%s: %s", name, n.getStatus().getConditions()).isEqualTo("True");
      assertThat(condition(n.getStatus().getConditions(), "WalletReady").getStatus()).isEqualTo("True");
      assertThat(condition(n.getStatus().getConditions(), "Synced").getStatus()).isEqualTo("True");
    });
  }

  static void awaitOpen(String name) {
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      LightningChannel c = channel(name);
      assertThat(c.getStatus().getState()).as("%s: %s", name, c.getStatus().getConditions())
          .isEqualTo(ChannelState.OPEN);
      assertThat(c.getStatus().getActive()).isTrue();
      assertThat(condition(c.getStatus().getConditions(), "Ready").getStatus()).isEqualTo("True");
    });
  }

  @Test
  @Order(1)
  void aliceAndBobBecomeReadyWithWalletsTheOperatorCreated() {
    apply("""
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: chain}
        spec: {replicas: 1, implementation: btcd, chain: regtest, mining: {initialBlocks: 101}}
        """);
    lightningNode("alice", true);
    lightningNode("bob", false);
    awaitReady("alice");
    awaitReady("bob");

    for (String name : List.of("alice", "bob")) {
      LightningNode n = node(name);
      assertThat(n.getStatus().getIdentityPubkey()).matches("0[23][0-9a-f]{64}");
      assertThat(n.getStatus().getUri()).isEqualTo(n.getStatus().getIdentityPubkey() + "@" + name + "-lnd-0."
          + name + "-lnd." + NS + ".svc.cluster.local:9735");
      assertThat(n.getStatus().getChain()).isEqualTo("regtest");
      assertThat(n.getStatus().getBlockHeight()).isGreaterThanOrEqualTo(101);
      Secret seed = client.secrets().inNamespace(NS).withName(name + "-lnd-seed").get();
      assertThat(seed.getMetadata().getOwnerReferences()).as("the seed outlives the node").isNullOrEmpty();
      String words = new String(Base64.getDecoder().decode(seed.getData().get("mnemonic")), StandardCharsets.UTF_8);
      assertThat(words.split(" ")).hasSize(24);
      Secret connection = client.secrets().inNamespace(NS).withName(name + "-lnd-connection").get();
      assertThat(connection.getData()).containsKeys("rest.url", "grpc.host", "tls.cert", "admin.macaroon",
          "readonly.macaroon", "invoice.macaroon", "uri");
      assertThat(connection.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getName()).isEqualTo(name));
      assertThat(n.getStatus().toString()).doesNotContain(words.split(" ")[0] + " " + words.split(" ")[1]);
    }
  }

  @Test
  @Order(2)
  void aFundedChannelOpensAndAPaymentShowsInBothNodesBalances() throws Exception {
    fundedChannel("alice-bob", "alice", "bob", 1_000_000, 100_000);
    awaitOpen("alice-bob");
    LightningChannel opened = channel("alice-bob");
    assertThat(opened.getStatus().getChannelPoint()).matches("[0-9a-f]{64}:[0-9]+");
    assertThat(opened.getStatus().getCapacitySat()).isEqualTo(1_000_000);
    assertThat(opened.getStatus().getRemoteBalanceSat()).isEqualTo(100_000);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(node("bob").getStatus().getChannelLocalBalanceSat()).isEqualTo(100_000);
      assertThat(node("alice").getStatus().getActiveChannels()).isEqualTo(1);
    });
    long aliceLocalBefore = node("alice").getStatus().getChannelLocalBalanceSat();

    String invoice = plugin("invoice", "bob", "1000").lines().findFirst().orElseThrow().trim();
    assertThat(invoice).startsWith("lnbcrt");
    // Right after a channel turns active, lnd may refuse a first payment for a moment ("insufficient_balance").
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(plugin("pay", "alice", invoice)).contains("paid"));

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(node("bob").getStatus().getChannelLocalBalanceSat()).isEqualTo(101_000);
      assertThat(node("alice").getStatus().getChannelRemoteBalanceSat()).isEqualTo(101_000);
      assertThat(node("alice").getStatus().getChannelLocalBalanceSat()).isEqualTo(aliceLocalBefore - 1000);
      assertThat(channel("alice-bob").getStatus().getRemoteBalanceSat()).isEqualTo(101_000);
    });
    assertThat(plugin("channels", "alice")).contains(opened.getStatus().getChannelPoint());
    assertThat(plugin("ln", "alice", "getinfo")).contains(node("alice").getStatus().getIdentityPubkey());

    // What stood in the way (funding, confirmations) cleared with a Normal event, never a Warning about nothing.
    List<io.fabric8.kubernetes.api.model.Event> events = client.v1().events().inNamespace(NS).list().getItems()
        .stream().filter(e -> e.getInvolvedObject().getName().equals("alice-bob")).toList();
    assertThat(events).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Normal");
      assertThat(e.getReason()).isEqualTo("Unblocked");
      assertThat(e.getMessage()).startsWith("no longer blocked: ");
    });
    assertThat(events).noneSatisfy(e -> assertThat(e.getReason()).isEqualTo("Blocked:NotBlocked"));
  }

  @Test
  @Order(3)
  void alicePaysCarolThroughBobOverAPrivateChannelWithARouteHint() throws Exception {
    lightningNode("carol", false);
    awaitReady("carol");
    fundedChannel("bob-carol", "bob", "carol", 500_000, 0, true);
    awaitOpen("bob-carol");
    Condition routable = condition(channel("bob-carol").getStatus().getConditions(), "Routable");
    assertThat(routable.getStatus()).isEqualTo("False");
    assertThat(routable.getReason()).isEqualTo("PrivateChannel");
    // bob-carol is in no graph: only the route hint on Carol's invoice tells Alice the way.
    String invoice = plugin("invoice", "carol", "2000", "--private").lines().findFirst().orElseThrow().trim();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
        assertThat(plugin("pay", "alice", invoice)).contains("paid"));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(node("carol").getStatus().getChannelLocalBalanceSat()).isEqualTo(2000));
  }

  @Test
  @Order(4)
  void aRestartedLndPodUnlocksItselfAndItsChannelComesBackActive() {
    Pod before = client.pods().inNamespace(NS).withName("alice-lnd-0").get();
    client.pods().inNamespace(NS).withName("alice-lnd-0").delete();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      Pod after = client.pods().inNamespace(NS).withName("alice-lnd-0").get();
      assertThat(after.getMetadata().getUid()).isNotEqualTo(before.getMetadata().getUid());
      assertThat(TestNodes.isReady(after)).isTrue();
    });
    awaitReady("alice");
    String point = channel("alice-bob").getStatus().getChannelPoint();
    // What a user waits for: the channel Ready again, and lnd itself (not a status from before the restart) agreeing.
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      LightningChannel c = channel("alice-bob");
      assertThat(condition(c.getStatus().getConditions(), "Ready").getStatus())
          .as("%s", c.getStatus().getConditions()).isEqualTo("True");
      assertThat(c.getStatus().getActive()).isTrue();
      assertThat(lnd("alice").listChannels()).anySatisfy(open -> {
        assertThat(open.channelPoint().toString()).isEqualTo(point);
        assertThat(open.active()).isTrue();
      });
      assertThat(node("alice").getStatus().getActiveChannels()).isEqualTo(1);
    });
  }

  @Test
  @Order(5)
  void anOperatorRestartWhileAChannelOpensLeavesExactlyOneChannel() throws Exception {
    fundedChannel("alice-carol", "alice", "carol", 300_000, 0);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(channel("alice-carol").getStatus().getChannelPoint()).isNotNull());
    operator.close();
    operator = RunningOperator.start(bed);
    awaitOpen("alice-carol");
    String carol = node("carol").getStatus().getIdentityPubkey();
    List<Channel> open = lnd("alice").listChannels().stream().filter(c -> c.remotePubkey().equals(carol)).toList();
    List<PendingChannel> pending = lnd("alice").pendingChannels().stream()
        .filter(c -> c.remotePubkey().equals(carol)).toList();
    assertThat(open).singleElement().satisfies(c -> assertThat(c.channelPoint().toString())
        .isEqualTo(channel("alice-carol").getStatus().getChannelPoint()));
    assertThat(pending).isEmpty();
  }

  @Test
  @Order(6)
  void deletingAChannelClosesItCooperativelyAndTheFundsReturnOnChain() {
    String point = channel("alice-bob").getStatus().getChannelPoint();
    long onChainBefore = node("alice").getStatus().getOnChainBalanceSat();
    client.resources(LightningChannel.class).inNamespace(NS).withName("alice-bob").delete();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(channel("alice-bob")).isNull());
    List<ClosedChannel> closed = lnd("alice").closedChannels().stream()
        .filter(c -> c.channelPoint().toString().equals(point)).toList();
    assertThat(closed).singleElement().satisfies(c -> assertThat(c.closeType()).isEqualTo("COOPERATIVE_CLOSE"));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(node("alice").getStatus().getOnChainBalanceSat()).isGreaterThan(onChainBefore + 800_000));
  }

  @Test
  @Order(7)
  void deletingANodeLeavesItsSeedAndANewNodeOfThatNameIsRestoredFromIt() {
    String pubkey = node("bob").getStatus().getIdentityPubkey();
    client.resources(LightningNode.class).inNamespace(NS).withName("bob").delete();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(node("bob")).isNull();
      assertThat(client.apps().statefulSets().inNamespace(NS).withName("bob-lnd").get()).isNull();
      assertThat(client.secrets().inNamespace(NS).withName("bob-lnd-connection").get()).isNull();
      assertThat(client.pods().inNamespace(NS).withName("bob-lnd-0").get()).isNull();
    });
    assertThat(client.secrets().inNamespace(NS).withName("bob-lnd-seed").get()).isNotNull();
    assertThat(client.secrets().inNamespace(NS).withName("bob-lnd-wallet").get()).isNotNull();

    // Bob had no storage: the new pod starts empty, and the wallet comes back from the kept seed.
    lightningNode("bob", false);
    awaitReady("bob");
    assertThat(node("bob").getStatus().getIdentityPubkey()).as("same seed, same node key").isEqualTo(pubkey);
    assertThat(client.v1().events().inNamespace(NS).list().getItems()).anySatisfy(e -> {
      assertThat(e.getInvolvedObject().getName()).isEqualTo("bob");
      assertThat(e.getReason()).isEqualTo("WalletRestored");
    });
  }

  @Test
  @Order(8)
  void aNodeBoundToANetworkThatDoesNotExistSaysSoInStatus() {
    apply("""
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: lost}
        spec: {network: nowhere}
        """);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      Condition ready = condition(node("lost").getStatus().getConditions(), "Ready");
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("NetworkNotFound");
      assertThat(ready.getMessage()).contains("BitcoinNetwork \"nowhere\" does not exist in namespace " + NS);
    });
    assertThat(client.apps().statefulSets().inNamespace(NS).withName("lost-lnd").get()).isNull();
  }

  @Test
  @Order(9)
  void fundingAChannelFromAMainnetNodeIsRejectedAtAdmission() {
    apply("""
        apiVersion: v1
        kind: Secret
        metadata: {name: mainnet-btcd}
        stringData: {host: "btcd.example.com:8334", user: u, password: p, ca.crt: "not a certificate"}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: payments}
        spec:
          externalBackend: {implementation: btcd, chain: mainnet, secret: mainnet-btcd}
          storage: {size: 1Gi}
        """);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(node("payments").getMetadata().getLabels()).containsEntry("blockyard.io/chain", "mainnet"));
    String yaml = """
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: mainnet-fund}
        spec: {from: payments, to: {node: alice}, capacitySat: 100000, fund: true}
        """;
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> apply(yaml));
      assertThat(refused).isNotNull();
      assertThat(refused.getMessage()).contains("spec.fund mines coins, which works on regtest and simnet only; "
          + "LightningNode payments is on mainnet");
    });
    // In case the API server saw the label only after a first apply went through.
    client.resources(LightningChannel.class).inNamespace(NS).withName("mainnet-fund").delete();
    client.resources(LightningNode.class).inNamespace(NS).withName("payments").delete();
  }

  @Test
  @Order(10)
  void aNodeOnAnExternalBackendGivenBySecretRuns() {
    // The network's node, described the way a node outside Blockyard would be.
    Secret credentials = client.secrets().inNamespace(NS).withName("chain-rpc-credentials").get();
    Secret tls = client.secrets().inNamespace(NS).withName("chain-rpc-tls").get();
    client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("outside-btcd")
        .withNamespace(NS).endMetadata()
        .addToData("host", Base64.getEncoder().encodeToString(
            ("chain-0.chain-nodes." + NS + ".svc.cluster.local:18334").getBytes(StandardCharsets.UTF_8)))
        .addToData("user", credentials.getData().get("user"))
        .addToData("password", credentials.getData().get("password"))
        .addToData("ca.crt", tls.getData().get("ca.crt")).build()).create();
    apply("""
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: dave}
        spec:
          externalBackend: {implementation: btcd, chain: regtest, secret: outside-btcd}
        """);
    awaitReady("dave");
    assertThat(node("dave").getStatus().getBlockHeight()).isEqualTo(node("alice").getStatus().getBlockHeight());
    assertThat(node("dave").getMetadata().getLabels()).containsEntry("blockyard.io/chain", "regtest");
  }

  @Test
  @Order(11)
  void aChannelToAPeerThatIsGoneClosesOnlyByForce() {
    String point = channel("alice-carol").getStatus().getChannelPoint();
    client.resources(LightningNode.class).inNamespace(NS).withName("carol").delete();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(client.pods().inNamespace(NS).withName("carol-lnd-0").get()).isNull());
    // The status says the peer is gone, and does not call the channel Ready beside it.
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      List<Condition> conditions = channel("alice-carol").getStatus().getConditions();
      assertThat(condition(conditions, "Blocked").getReason()).isEqualTo("NodeNotFound");
      assertThat(condition(conditions, "Ready").getStatus()).isEqualTo("False");
      assertThat(channel("alice-carol").getStatus().getActive()).isFalse();
    });

    client.resources(LightningChannel.class).inNamespace(NS).withName("alice-carol").delete();
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      Condition blocked = condition(channel("alice-carol").getStatus().getConditions(), "Blocked");
      assertThat(blocked.getStatus()).isEqualTo("True");
      assertThat(blocked.getMessage()).contains("set spec.forceClose: true");
    });
    client.resources(LightningChannel.class).inNamespace(NS).withName("alice-carol")
        .edit(c -> {
          c.getSpec().setForceClose(true);
          return c;
        });
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(channel("alice-carol")).isNull());
    // Confirmed on chain; lnd holds Alice's share until the time lock expires, then sweeps it on its own.
    assertThat(lnd("alice").pendingChannels()).anySatisfy(c -> {
      assertThat(c.channelPoint().toString()).isEqualTo(point);
      assertThat(c.stage()).isEqualTo(PendingChannel.Stage.PENDING_FORCE_CLOSE);
    });
    assertThat(lnd("alice").listChannels()).noneMatch(c -> c.channelPoint().toString().equals(point));
  }

  @Test
  @Order(12)
  void aPaymentCrossesTwoPublicHopsOnceBothChannelsAreRoutableWithNoManualStep() throws Exception {
    String ns = "lightning-routing";
    TestNodes.createNamespace(client, ns);
    long applied = System.nanoTime();
    // One apply, as a user would: a btcd network, three lnd nodes and two funded public channels in a line.
    TestNodes.apply(client, ns, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: line}
        spec: {replicas: 1, implementation: btcd, chain: regtest, mining: {initialBlocks: 101}}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: dave}
        spec: {network: line, extraArgs: [--trickledelay=50]}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: erin}
        spec: {network: line, extraArgs: [--trickledelay=50]}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: frank}
        spec: {network: line, extraArgs: [--trickledelay=50]}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: dave-erin}
        spec: {from: dave, to: {node: erin}, capacitySat: 1000000, fund: true}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: erin-frank}
        spec: {from: erin, to: {node: frank}, capacitySat: 1000000, fund: true}
        """);
    await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      for (String name : List.of("dave-erin", "erin-frank")) {
        LightningChannel c = client.resources(LightningChannel.class).inNamespace(ns).withName(name).get();
        assertThat(condition(c.getStatus().getConditions(), "Routable").getStatus())
            .as("%s: %s", name, c.getStatus().getConditions()).isEqualTo("True");
      }
    });
    System.out.printf("both channels Routable %d s after the apply%n", (System.nanoTime() - applied) / 1_000_000_000L);
    String invoice = pluginIn(ns, "invoice", "frank", "5000").lines().findFirst().orElseThrow().trim();
    // Gossip (every 50 ms here) still has to carry erin-frank's announcement to Dave: seconds, not blocks.
    long routable = System.nanoTime();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      String paid = KubectlBlockyardPlugin.runAllowingFailure(bed, "pay", "dave", invoice, "-n", ns);
      if (!paid.contains("paid")) {
        System.out.printf("payment %d s after Routable: %s%n", (System.nanoTime() - routable) / 1_000_000_000L,
            paid.lines().findFirst().orElse(""));
      }
      assertThat(paid).contains("paid");
    });
    System.out.printf("paid %d s after both channels were Routable%n", (System.nanoTime() - routable) / 1_000_000_000L);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(client.resources(LightningNode.class)
        .inNamespace(ns).withName("frank").get().getStatus().getChannelLocalBalanceSat()).isEqualTo(5000));
  }

  @Test
  @Order(13)
  void anAdminMacaroonLostBetweenInitwalletAndStoringItIsMadeAgainFromTheRootKey() {
    // What an operator stopped right after initwallet leaves: the wallet exists, its Secret lacks admin.macaroon.
    Secret wallet = client.secrets().inNamespace(NS).withName("alice-lnd-wallet").get();
    assertThat(wallet.getData()).containsKeys("password", "macaroon-root-key", "admin.macaroon");
    String rootKey = wallet.getData().get("macaroon-root-key");
    client.secrets().inNamespace(NS).withName("alice-lnd-wallet").edit(s -> {
      s.getData().remove("admin.macaroon");
      return s;
    });
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      Secret repaired = client.secrets().inNamespace(NS).withName("alice-lnd-wallet").get();
      assertThat(repaired.getData()).containsKey("admin.macaroon");
      assertThat(repaired.getData().get("macaroon-root-key")).isEqualTo(rootKey);
      assertThat(client.v1().events().inNamespace(NS).list().getItems()).anySatisfy(e -> {
        assertThat(e.getInvolvedObject().getName()).isEqualTo("alice");
        assertThat(e.getReason()).isEqualTo("MacaroonRestored");
      });
    });
    awaitReady("alice");
    // The macaroon made again works for an application too (through the connection Secret).
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(lnd("alice").getInfo().identityPubkey())
        .isEqualTo(node("alice").getStatus().getIdentityPubkey()));
  }
}
