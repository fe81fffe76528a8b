package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.BitcoinNetworkSpec;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.lightning.ChannelConditionReason;
import io.blockyard.api.lightning.ChannelPeerSpec;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningChannelSpec;
import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNodeSpec;
import io.blockyard.api.lightning.LightningNodeStatus;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.lightning.ChannelConditions.Blocker;
import io.blockyard.operator.lightning.ChannelObservation.Answered;
import io.blockyard.operator.lightning.ChannelObservation.Graphs;
import io.blockyard.operator.lightning.ChannelObservation.MinerHeight;
import io.blockyard.operator.lightning.ChannelPlan.ActivateSegwit;
import io.blockyard.operator.lightning.ChannelPlan.Adopt;
import io.blockyard.operator.lightning.ChannelPlan.Close;
import io.blockyard.operator.lightning.ChannelPlan.Fund;
import io.blockyard.operator.lightning.ChannelPlan.MineConfirmation;
import io.blockyard.operator.lightning.ChannelPlan.MineToAnnouncementDepth;
import io.blockyard.operator.lightning.ChannelPlan.Nothing;
import io.blockyard.operator.lightning.ChannelPlan.Open;
import io.blockyard.operator.lightning.ChannelPlan.ReleaseFinalizer;
import io.blockyard.rpc.lnd.Channel;
import io.blockyard.rpc.lnd.ChannelPoint;
import io.blockyard.rpc.lnd.ClosedChannel;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.PendingChannel;
import io.blockyard.rpc.lnd.WalletBalance;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan step alone: a channel and what a pass saw in, the step, the status and the next look out; no cluster. */
class ChannelPlannerTest {
  static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
  static final String BOB_KEY = "02" + "b".repeat(64);
  static final ChannelPoint POINT = ChannelPoint.parse("a".repeat(64) + ":0");
  static final ChannelPoint OTHER = ChannelPoint.parse("c".repeat(64) + ":1");
  static final long CAPACITY = 500_000;

  // --- the world a pass sees ---

  static LightningChannel channel(boolean fund) {
    LightningChannel channel = new LightningChannel();
    channel.setMetadata(new ObjectMetaBuilder().withName("alice-bob").withNamespace("ns").withUid("uid-1")
        .withGeneration(1L).build());
    LightningChannelSpec spec = new LightningChannelSpec();
    spec.setFrom("alice");
    ChannelPeerSpec to = new ChannelPeerSpec();
    to.setNode("bob");
    spec.setTo(to);
    spec.setCapacitySat(CAPACITY);
    spec.setPushSat(50_000L);
    spec.setPrivateChannel(false);
    spec.setFund(fund);
    spec.setForceClose(false);
    channel.setSpec(spec);
    return channel;
  }

  static LightningChannel opened(LightningChannel channel, ChannelState state) {
    LightningChannelStatus status = new LightningChannelStatus();
    status.setChannelPoint(POINT.toString());
    status.setState(state);
    status.setRemotePubkey(BOB_KEY);
    channel.setStatus(status);
    return channel;
  }

  static LightningChannel deleting(LightningChannel channel) {
    channel.getMetadata().setDeletionTimestamp("2026-12-01T14:59:00Z");
    return channel;
  }

  static LightningNode node(String name, boolean ready, String chain) {
    LightningNode node = new LightningNode();
    node.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns")
        .withLabels(Map.of(LightningNodeReconciler.CHAIN_LABEL, chain)).build());
    LightningNodeSpec spec = new LightningNodeSpec();
    spec.setNetwork("chain");
    node.setSpec(spec);
    LightningNodeStatus status = new LightningNodeStatus();
    String key = name.equals("bob") ? BOB_KEY : "03" + "a".repeat(64);
    status.setIdentityPubkey(key);
    status.setUri(key + "@" + name + "-lnd.ns.svc:9735");
    status.setConditions(List.of(Conditions.of(List.of(), LightningNodeReconciler.READY, ready,
        ready ? "Running" : "WalletLocked", ready ? "lnd is ready" : "the wallet is locked", 1, NOW)));
    node.setStatus(status);
    return node;
  }

  static BitcoinNetwork network(Implementation implementation, Chain chain) {
    BitcoinNetwork network = new BitcoinNetwork();
    network.setMetadata(new ObjectMetaBuilder().withName("chain").withNamespace("ns").withUid("net-1").build());
    BitcoinNetworkSpec spec = new BitcoinNetworkSpec();
    spec.setImplementation(implementation);
    spec.setChain(chain);
    network.setSpec(spec);
    return network;
  }

  static NodeInfo info(boolean synced, long height) {
    return new NodeInfo("03" + "a".repeat(64), "alice", "#000000", synced, true, height, 1, 0, 0, 0, List.of());
  }

  /** A pass's observation, built up by the test. */
  static final class Seen {
    Optional<LightningNode> from = Optional.of(node("alice", true, "simnet"));
    Optional<LightningNode> to = Optional.of(node("bob", true, "simnet"));
    Optional<BitcoinNetwork> network = Optional.of(network(Implementation.BTCD, Chain.SIMNET));
    ChannelObservation.Lnd lnd = answered(info(true, 400), 0);
    Set<String> claimed = Set.of();
    Optional<Graphs> graphs = Optional.empty();
    MinerHeight miner = new MinerHeight(400L, null, null);

    ChannelObservation observation() {
      return new ChannelObservation(from, to, network, lnd, claimed, graphs, miner);
    }
  }

  static Answered answered(NodeInfo info, long confirmedSat) {
    return new Answered(info, Optional.of(new WalletBalance(confirmedSat, 0)), List.of(), List.of(), List.of());
  }

  static Answered listing(NodeInfo info, List<Channel> open, List<PendingChannel> pending,
      List<ClosedChannel> closed) {
    return new Answered(info, Optional.empty(), open, pending, closed);
  }

  static Channel openChannel(ChannelPoint point, boolean active, long fundingHeight) {
    return new Channel(point, BOB_KEY, active, CAPACITY, 440_000, 50_000, false, Long.toString(fundingHeight << 40));
  }

  static PendingChannel pending(ChannelPoint point, PendingChannel.Stage stage) {
    return new PendingChannel(stage, point, BOB_KEY, CAPACITY, 440_000, stage == PendingChannel.Stage.PENDING_OPEN
        ? "" : "d".repeat(64));
  }

  static ChannelPlan plan(LightningChannel channel, Seen seen) {
    return new ChannelPlanner(channel).plan(seen.observation(), NOW);
  }

  static ChannelPlan planClose(LightningChannel channel, Seen seen) {
    return new ChannelPlanner(channel).planClose(seen.observation(), NOW);
  }

  static Condition condition(ChannelPlan plan, String type) {
    return Conditions.find(plan.status().getConditions(), type).orElseThrow();
  }

  static void assertBlocked(ChannelPlan plan, String reason, String messagePart) {
    assertThat(condition(plan, "Blocked").getStatus()).isEqualTo("True");
    assertThat(condition(plan, "Blocked").getReason()).isEqualTo(reason);
    assertThat(condition(plan, "Blocked").getMessage()).contains(messagePart);
  }

  // --- before the open ---

  @Test
  void aMissingOpeningNodeBlocksTheChannelAndSaysWhatToFix() {
    Seen seen = new Seen();
    seen.from = Optional.empty();
    seen.lnd = new ChannelObservation.NotAsked(false);
    ChannelPlan plan = plan(channel(false), seen);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertBlocked(plan, "NodeNotFound", "LightningNode \"alice\" (spec.from) does not exist in namespace ns");
    assertThat(plan.status().getState()).isEqualTo(ChannelState.PENDING);
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("Pending");
    assertThat(plan.observeAgain()).isEqualTo(LightningChannelReconciler.OBSERVE_EVERY);
  }

  @Test
  void aRemoteNodeThatIsNotReadyBlocksTheOpenWithItsOwnWords() {
    Seen seen = new Seen();
    seen.to = Optional.of(node("bob", false, "simnet"));
    ChannelPlan plan = plan(channel(false), seen);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertBlocked(plan, "NodeNotReady", "waiting for LightningNode bob to be ready: the wallet is locked");
  }

  @Test
  void aReadyNodeWhoseLndIsNotReachedYetIsWaitedForWithoutAWrite() {
    Seen seen = new Seen();
    seen.lnd = new ChannelObservation.NotAsked(false);
    LightningChannel channel = channel(false);
    ChannelPlan plan = plan(channel, seen);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertThat(plan.status()).isEqualTo(new LightningChannelStatus());
    assertThat(plan.observeAgain()).isEqualTo(ChannelPlanner.LND_NOT_REACHED_YET);
  }

  @Test
  void anUnsyncedNodeDoesNotOpen() {
    Seen seen = new Seen();
    seen.lnd = answered(info(false, 390), 10_000_000);
    ChannelPlan plan = plan(channel(true), seen);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertBlocked(plan, "NodeNotSynced", "LightningNode alice is not synced to the chain yet");
  }

  @Test
  void withoutFundsAndWithoutSpecFundItSaysHowToFundTheWallet() {
    Seen seen = new Seen();
    seen.lnd = answered(info(true, 400), 100_000);
    ChannelPlan plan = plan(channel(false), seen);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertBlocked(plan, "InsufficientFunds", "LightningNode alice has 100000 sat confirmed; the channel needs 550000");
    assertThat(condition(plan, "Blocked").getMessage()).contains("kubectl blockyard ln alice newaddress")
        .contains("spec.fund: true");
  }

  @Test
  void withSpecFundItMinesCoinbaseBlocksToTheWalletOnceLndHasSeenTheChain() {
    Seen seen = new Seen();
    ChannelPlan plan = plan(channel(true), seen);
    assertThat(plan.step()).isEqualTo(new Fund(1));
    assertBlocked(plan, "Funding", "mined 1 block(s) to the wallet of LightningNode alice and 100 for them to mature");

    seen.miner = new MinerHeight(501L, null, null);
    ChannelPlan waiting = plan(channel(true), seen);
    assertThat(waiting.step()).isInstanceOf(Nothing.class);
    assertBlocked(waiting, "Funding", "waiting for LightningNode alice to see the blocks mined for it (at 400 of 501)");
  }

  @Test
  void specFundNeedsATestChainAndANodeThatMines() {
    Seen external = new Seen();
    external.network = Optional.empty();
    assertBlocked(plan(channel(true), external), "FundingNotPossible", "uses an external backend");

    Seen signet = new Seen();
    signet.network = Optional.of(network(Implementation.BTCD, Chain.SIGNET));
    assertBlocked(plan(channel(true), signet), "FundingNotAllowed", "alice is on signet: remove spec.fund");

    Seen noMiner = new Seen();
    noMiner.miner = new MinerHeight(null, "node 0 of BitcoinNetwork chain is not ready to mine", null);
    ChannelPlan plan = plan(channel(true), noMiner);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertBlocked(plan, "NetworkNotReady", "node 0 of BitcoinNetwork chain is not ready to mine");
  }

  @Test
  void onBtcdRegtestSegwitIsMinedIntoActivationWithSpecFundAndExplainedWithout() {
    Seen seen = new Seen();
    seen.network = Optional.of(network(Implementation.BTCD, Chain.REGTEST));
    seen.lnd = answered(info(true, 10), 0);
    seen.miner = new MinerHeight(10L, null, null);
    ChannelPlan plan = plan(channel(true), seen);
    assertThat(plan.step()).isEqualTo(new ActivateSegwit(422, 432));
    assertBlocked(plan, "ActivatingSegwit", "mined up to height 432, where btcd activates segwit");

    ChannelPlan unfunded = plan(channel(false), seen);
    assertThat(unfunded.step()).isInstanceOf(Nothing.class);
    assertBlocked(unfunded, "SegwitInactive", "mine 422 blocks (kubectl blockyard mine chain 422)");

    seen.network = Optional.of(network(Implementation.BITCOIND, Chain.REGTEST));
    assertThat(plan(channel(true), seen).step()).isEqualTo(new Fund(1));
  }

  @Test
  void withEnoughConfirmedCoinsItConnectsAndOpensWithTheSpecsTerms() {
    Seen seen = new Seen();
    seen.lnd = answered(info(true, 400), 2_000_000);
    ChannelPlan plan = plan(channel(true), seen);
    assertThat(plan.step()).isEqualTo(new Open(BOB_KEY, "bob-lnd.ns.svc:9735", CAPACITY, 50_000, false));
    assertThat(condition(plan, "Blocked").getStatus()).isEqualTo("False");
    assertThat(plan.status().getRemotePubkey()).isEqualTo(BOB_KEY);
  }

  @Test
  void withSpecFundItOpensOnlyOnceLndHasTakenInEveryBlockMined() {
    Seen seen = new Seen();
    seen.lnd = answered(info(true, 400), 2_000_000);
    seen.miner = new MinerHeight(483L, null, null);
    ChannelPlan plan = plan(channel(true), seen);
    assertThat(plan.step()).as("lnd is still taking in a burst of blocks").isInstanceOf(Nothing.class);
    assertBlocked(plan, "NodeNotSynced",
        "waiting for LightningNode alice to take in the blocks just mined (at 400 of 483)");

    seen.miner = new MinerHeight(400L, null, null);
    assertThat(plan(channel(true), seen).step()).isInstanceOf(Open.class);
  }

  @Test
  void anOpenThatWentThroughIsReportedOpeningWithItsChannelPoint() {
    Seen seen = new Seen();
    seen.lnd = answered(info(true, 400), 2_000_000);
    LightningChannel channel = channel(true);
    ChannelPlan plan = plan(channel, seen);
    LightningChannelStatus status = ChannelReport.status(channel, plan,
        new ChannelActions.Outcome(POINT, null, null, null), NOW);
    assertThat(status.getState()).isEqualTo(ChannelState.OPENING);
    assertThat(status.getChannelPoint()).isEqualTo(POINT.toString());
    assertThat(status.getCapacitySat()).isEqualTo(CAPACITY);
    assertThat(Conditions.find(status.getConditions(), "Ready").orElseThrow().getReason()).isEqualTo("Opening");

    LightningChannelStatus refused = ChannelReport.status(channel, plan, ChannelActions.Outcome.failed(
        ChannelActions.callFailed(true, "lnd refused: peer not online")), NOW);
    assertThat(refused.getState()).isEqualTo(ChannelState.PENDING);
    assertThat(refused.getChannelPoint()).isNull();
    assertThat(Conditions.find(refused.getConditions(), "Blocked").orElseThrow().getMessage())
        .isEqualTo("lnd refused: peer not online (retried every 3 s)");
  }

  // --- an attempt without a channel point: adopted, never opened again ---

  @Test
  void aRecordedAttemptIsAdoptedByPeerAndCapacityAndNeverOpenedAgain() {
    LightningChannel channel = channel(true);
    channel.getMetadata().setAnnotations(Map.of(OpenAttempt.ANNOTATION, "operator 1234 at 2026-12-01T14:00:00Z"));
    Seen seen = new Seen();
    seen.lnd = listing(info(true, 400), List.of(), List.of(pending(POINT, PendingChannel.Stage.PENDING_OPEN)),
        List.of());
    ChannelPlan plan = plan(channel, seen);
    assertThat(plan.step()).isEqualTo(new Adopt(POINT));
    assertThat(plan.status().getChannelPoint()).isEqualTo(POINT.toString());
    assertThat(plan.status().getState()).isEqualTo(ChannelState.OPENING);

    // The only candidate is another LightningChannel's: nothing to adopt, and still no second open.
    seen.claimed = Set.of(POINT.toString());
    ChannelPlan claimed = plan(channel, seen);
    assertThat(claimed.step()).isInstanceOf(Nothing.class);
    assertBlocked(claimed, "OpenAttempted", "lnd shows no channel of it yet");
    assertThat(claimed.status().getChannelPoint()).isNull();

    seen.lnd = listing(info(true, 400), List.of(), List.of(), List.of());
    seen.claimed = Set.of();
    ChannelPlan notFound = plan(channel, seen);
    assertThat(notFound.step()).isInstanceOf(Nothing.class);
    assertBlocked(notFound, "OpenAttempted", "remove the annotation " + OpenAttempt.ANNOTATION + " to try again");
  }

  // --- after the open ---

  @Test
  void anOpeningChannelWithSpecFundGetsOneConfirmationAtATime() {
    Seen seen = new Seen();
    seen.lnd = listing(info(true, 401), List.of(), List.of(pending(POINT, PendingChannel.Stage.PENDING_OPEN)),
        List.of());
    seen.miner = new MinerHeight(401L, null, null);
    ChannelPlan plan = plan(opened(channel(true), ChannelState.OPENING), seen);
    assertThat(plan.step()).isEqualTo(new MineConfirmation());
    assertThat(plan.status().getState()).isEqualTo(ChannelState.OPENING);

    // lnd has not seen the last block yet: no second one.
    seen.miner = new MinerHeight(402L, null, null);
    assertThat(plan(opened(channel(true), ChannelState.OPENING), seen).step()).isInstanceOf(Nothing.class);
    // Without spec.fund the chain's miners confirm it.
    seen.miner = MinerHeight.NOT_ASKED;
    assertThat(plan(opened(channel(false), ChannelState.OPENING), seen).step()).isInstanceOf(Nothing.class);
  }

  @Test
  void anOpenPublicChannelIsMinedToAnnouncementDepthThenRoutableInBothGraphs() {
    Seen seen = new Seen();
    seen.lnd = listing(info(true, 402), List.of(openChannel(POINT, true, 401)), List.of(), List.of());
    seen.miner = new MinerHeight(402L, null, null);
    ChannelPlan shallow = plan(opened(channel(true), ChannelState.OPENING), seen);
    assertThat(shallow.step()).isEqualTo(new MineToAnnouncementDepth(4));
    assertThat(shallow.status().getState()).isEqualTo(ChannelState.OPEN);
    assertThat(condition(shallow, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(shallow, "Routable").getReason()).isEqualTo("AwaitingConfirmations");
    assertThat(condition(shallow, "Routable").getMessage()).contains("2 of the 6 confirmations")
        .contains("the operator mines 4 more blocks (spec.fund)");

    seen.lnd = listing(info(true, 406), List.of(openChannel(POINT, true, 401)), List.of(), List.of());
    seen.graphs = Optional.of(new Graphs(true, true, List.of()));
    ChannelPlan deep = plan(opened(channel(true), ChannelState.OPEN), seen);
    assertThat(deep.step()).isInstanceOf(Nothing.class);
    assertThat(condition(deep, "Routable").getStatus()).isEqualTo("True");
    assertThat(condition(deep, "Routable").getReason()).isEqualTo("InBothGraphs");
    assertThat(deep.status().getChannelId()).isEqualTo(Long.toString(401L << 40));
    assertThat(deep.status().getLocalBalanceSat()).isEqualTo(440_000);

    // The next pass sees the same: settled, looked at rarely.
    LightningChannel settled = opened(channel(true), ChannelState.OPEN);
    settled.setStatus(deep.status());
    seen.graphs = Optional.empty();
    seen.miner = MinerHeight.NOT_ASKED;
    ChannelPlan idle = plan(settled, seen);
    assertThat(idle.status()).isEqualTo(deep.status());
    assertThat(idle.observeAgain()).isEqualTo(LightningChannelReconciler.IDLE_EVERY);
  }

  @Test
  void aPrivateChannelIsNeverMinedForAnnouncementAndSettlesOnceReady() {
    LightningChannel channel = opened(channel(true), ChannelState.OPEN);
    channel.getSpec().setPrivateChannel(true);
    Seen seen = new Seen();
    seen.lnd = listing(info(true, 402), List.of(openChannel(POINT, true, 401)), List.of(), List.of());
    ChannelPlan plan = plan(channel, seen);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertThat(condition(plan, "Routable").getReason()).isEqualTo("PrivateChannel");
    assertThat(condition(plan, "Ready").getStatus()).isEqualTo("True");
    channel.setStatus(plan.status());
    assertThat(plan(channel, seen).observeAgain()).isEqualTo(LightningChannelReconciler.IDLE_EVERY);
  }

  @Test
  void aChannelWhosePeerLightningNodeWasDeletedIsNotReadyWhileLndStillCallsItActive() {
    Seen seen = new Seen();
    seen.to = Optional.empty();
    seen.lnd = listing(info(true, 410), List.of(openChannel(POINT, true, 401)), List.of(), List.of());
    LightningChannel channel = opened(channel(false), ChannelState.OPEN);
    ChannelPlan plan = plan(channel, seen);
    assertThat(plan.status().getState()).isEqualTo(ChannelState.OPEN);
    assertThat(plan.status().getActive()).isTrue();
    assertBlocked(plan, "NodeNotFound", "LightningNode \"bob\" (spec.to.node) does not exist in namespace ns");
    assertThat(condition(plan, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("NodeNotFound");
    assertThat(plan.observeAgain()).isEqualTo(LightningChannelReconciler.OBSERVE_EVERY);

    // A peer that is only not ready is lnd's business: its active flag says whether the peer is there.
    seen.to = Optional.of(node("bob", false, "simnet"));
    assertThat(condition(plan(channel, seen), "Blocked").getStatus()).isEqualTo("False");
  }

  @Test
  void anLndThatDoesNotAnswerIsAValueThatBlocksAndTurnsTheChannelInactive() {
    Seen seen = new Seen();
    seen.lnd = new ChannelObservation.Failed(false, "lnd at alice-lnd-0: timed out after 10 s");
    LightningChannel channel = opened(channel(false), ChannelState.OPEN);
    channel.getStatus().setActive(true);
    ChannelPlan plan = plan(channel, seen);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertThat(plan.status().getActive()).isFalse();
    assertBlocked(plan, "LndUnreachable", "timed out after 10 s (retried every 3 s)");
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("LndUnreachable");
  }

  // --- the closing path ---

  @Test
  void deletionClosesCooperativelyThenMinesTheCloseThenReleasesTheFinalizer() {
    Seen seen = new Seen();
    seen.lnd = listing(info(true, 410), List.of(openChannel(POINT, true, 401)), List.of(), List.of());
    ChannelPlan close = planClose(deleting(opened(channel(true), ChannelState.OPEN)), seen);
    assertThat(close.step()).isEqualTo(new Close(POINT, false));

    LightningChannel closingChannel = deleting(opened(channel(true), ChannelState.OPEN));
    LightningChannelStatus closing = ChannelReport.status(closingChannel, close,
        new ChannelActions.Outcome(null, "d".repeat(64), null, null), NOW);
    assertThat(closing.getState()).isEqualTo(ChannelState.CLOSING);
    assertThat(closing.getClosingTxid()).isEqualTo("d".repeat(64));

    seen.lnd = listing(info(true, 411), List.of(), List.of(pending(POINT, PendingChannel.Stage.WAITING_CLOSE)),
        List.of());
    seen.miner = new MinerHeight(411L, null, null);
    assertThat(planClose(deleting(opened(channel(true), ChannelState.CLOSING)), seen).step())
        .isEqualTo(new MineConfirmation());

    seen.lnd = listing(info(true, 412), List.of(), List.of(), List.of(new ClosedChannel(POINT, BOB_KEY,
        Long.toString(401L << 40), "d".repeat(64), CAPACITY, 440_000, "COOPERATIVE_CLOSE")));
    ChannelPlan closed = planClose(deleting(opened(channel(true), ChannelState.CLOSING)), seen);
    assertThat(closed.step()).isEqualTo(new ReleaseFinalizer("ChannelClosed", "channel " + POINT
        + " is closed; its funds are back in the wallets on chain", false));
  }

  @Test
  void aForceCloseOffATestChainWaitsForTheAnnotationThatNamesTheChannelPoint() {
    Seen seen = new Seen();
    seen.from = Optional.of(node("alice", true, "signet"));
    seen.network = Optional.of(network(Implementation.BTCD, Chain.SIGNET));
    seen.lnd = listing(info(true, 410), List.of(openChannel(POINT, false, 401)), List.of(), List.of());
    LightningChannel channel = deleting(opened(channel(false), ChannelState.OPEN));
    channel.getSpec().setForceClose(true);
    ChannelPlan plan = planClose(channel, seen);
    assertThat(plan.step()).isInstanceOf(Nothing.class);
    assertBlocked(plan, "ForceCloseNotAcknowledged", "annotate the channel with " + ForceClose.ANNOTATION + "="
        + POINT);

    channel.getMetadata().setAnnotations(Map.of(ForceClose.ANNOTATION, POINT.toString()));
    assertThat(planClose(channel, seen).step()).isEqualTo(new Close(POINT, true));

    seen.from = Optional.of(node("alice", true, "regtest"));
    channel.getMetadata().setAnnotations(null);
    assertThat(planClose(channel, seen).step()).isEqualTo(new Close(POINT, true));
  }

  @Test
  void aCloseThatFailsSaysSoAndSuggestsAForceClose() {
    Seen seen = new Seen();
    seen.lnd = listing(info(true, 410), List.of(openChannel(POINT, false, 401)), List.of(), List.of());
    LightningChannel channel = deleting(opened(channel(false), ChannelState.OPEN));
    ChannelPlan plan = planClose(channel, seen);
    LightningChannelStatus status = ChannelReport.status(channel, plan, ChannelActions.Outcome.failed(
        new Blocker(ChannelConditionReason.CLOSE_FAILED, "peer is offline")), NOW);
    Condition blocked = Conditions.find(status.getConditions(), "Blocked").orElseThrow();
    assertThat(blocked.getReason()).isEqualTo("CloseFailed");
    assertThat(blocked.getMessage()).isEqualTo("cannot close the channel yet: peer is offline; if the peer is gone "
        + "for good, set spec.forceClose: true");
    assertThat(status.getState()).isEqualTo(ChannelState.OPEN);
  }

  @Test
  void theFinalizerGoesWhenThereIsNothingThisResourceOpenedOrNoNodeToCloseFrom() {
    Seen seen = new Seen();
    seen.lnd = listing(info(true, 410), List.of(openChannel(OTHER, true, 401)), List.of(), List.of());
    assertThat(planClose(deleting(channel(true)), seen).step()).isEqualTo(new ReleaseFinalizer(null, null, false));

    // A recorded attempt is looked for first: its channel is closed, not left behind.
    LightningChannel attempted = deleting(channel(true));
    attempted.getMetadata().setAnnotations(Map.of(OpenAttempt.ANNOTATION, "operator 1234 at 2026-12-01T14:00:00Z"));
    assertThat(planClose(attempted, seen).step()).isEqualTo(new Close(OTHER, false));

    seen.from = Optional.empty();
    seen.lnd = new ChannelObservation.NotAsked(false);
    ChannelPlan gone = planClose(deleting(opened(channel(true), ChannelState.OPEN)), seen);
    assertThat(gone.step()).isInstanceOf(ReleaseFinalizer.class);
    assertThat(((ReleaseFinalizer) gone.step()).reason()).isEqualTo("NodeGone");
    assertThat(((ReleaseFinalizer) gone.step()).warning()).isTrue();
  }

  @Test
  void aClosingPassThatChangesNothingWritesNothing() {
    Seen seen = new Seen();
    seen.lnd = listing(info(true, 411), List.of(), List.of(pending(POINT, PendingChannel.Stage.WAITING_CLOSE)),
        List.of());
    seen.miner = MinerHeight.NOT_ASKED;
    LightningChannel channel = deleting(opened(channel(false), ChannelState.CLOSING));
    ChannelPlan first = planClose(channel, seen);
    channel.setStatus(first.status());
    assertThat(planClose(channel, seen).status()).isEqualTo(first.status());
  }
}
